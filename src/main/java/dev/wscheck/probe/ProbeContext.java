package dev.wscheck.probe;

import dev.wscheck.net.Transport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * What a probe gets for one check: its timeout, the address that the check's DNS step resolved
 * (empty for DNS checks, and for checks that go through a proxy which resolves names itself),
 * the transport to open TCP connections through, and the run's shared resources.
 */
public record ProbeContext(Duration timeout, Optional<InetAddress> address, Transport transport, ProbeResources resources) {}
