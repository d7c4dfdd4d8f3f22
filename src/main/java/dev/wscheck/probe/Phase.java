package dev.wscheck.probe;

import java.util.Locale;

/**
 * The timed phases of a check. Every check reports every phase (zero when the phase did not
 * run), so reports line up from run to run.
 */
public enum Phase {
    /** Name resolution. */
    DNS,
    /** TCP connect, including any proxy handshake. */
    CONNECT,
    /** TLS handshake. */
    TLS,
    /** From sending the request (HTTP request, UDP datagram) to the first byte of the answer. */
    REQUEST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
