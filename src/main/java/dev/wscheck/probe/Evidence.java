package dev.wscheck.probe;

/**
 * Probe-specific facts recorded on the wire (DNS answers, the certificate chain the server sent,
 * the HTTP status, latency samples). Each probe defines its own record implementing this
 * interface; reports serialise the record's components as the check's {@code evidence} object,
 * in declaration order. Records must hold only values (strings, numbers, lists, nested records)
 * and never a secret.
 */
public interface Evidence {}
