package dev.wscheck.catalog;

import dev.wscheck.probe.CheckSpec;
import java.util.Optional;

/**
 * A check in a requirement's plan. {@code after} is the check it depends on (the TCP connect
 * depends on the DNS answer, TLS on the connect, HTTPS on TLS): when that one fails, this one is
 * reported as skipped instead of failing a second time for the same reason.
 */
public record PlannedCheck(CheckSpec spec, Optional<CheckSpec> after) {}
