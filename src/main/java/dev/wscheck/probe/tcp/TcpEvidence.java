package dev.wscheck.probe.tcp;

import dev.wscheck.probe.Evidence;

/**
 * @param localAddress the local address and port the connection left from
 * @param transport how the connection was made ("direct", "http proxy 198.18.1.1:3128")
 */
public record TcpEvidence(String localAddress, String transport) implements Evidence {}
