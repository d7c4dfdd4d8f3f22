package dev.wscheck.probe.https;

import dev.wscheck.probe.Evidence;

/**
 * What the HTTPS server answered. Absent headers are empty strings (never null).
 *
 * @param status the HTTP status code
 * @param body the start of the response body (at most 1 KiB, decoded as UTF-8), for the
 *             catalog's {@code bodyContains} expectation and for recognising block pages
 * @param reason the reason phrase of the status line ("OK", "Forbidden"); empty for HTTP/2
 * @param httpVersion the protocol the answer came in: {@code http/1.1} or {@code h2}
 * @param server the {@code Server} header
 * @param date the {@code Date} header as sent
 * @param via the {@code Via} header (set by proxies on the way)
 * @param contentType the {@code Content-Type} header
 * @param tlsVersion the TLS version of the connection, e.g. {@code TLSv1.3}
 * @param cipherSuite the TLS cipher suite of the connection
 * @param clockOffsetSeconds the server's {@code Date} minus this PC's clock when the answer came, in
 *                           seconds: positive when this PC's clock is behind; 0 without a Date header
 * @param blockRule the block-page rule the answer matched (docs/probes-tls-https.md); empty when none
 * @param tlsSession {@code full} (the server sent its chain, verified here) or {@code resumed} (the
 *                   connection resumed the session of this run's TLS check of the host: no chain sent,
 *                   none verified again); empty without a completed handshake (addition to schema 1)
 */
public record HttpsEvidence(
        int status,
        String body,
        String reason,
        String httpVersion,
        String server,
        String date,
        String via,
        String contentType,
        String tlsVersion,
        String cipherSuite,
        long clockOffsetSeconds,
        String blockRule,
        String tlsSession) implements Evidence {

    /** Evidence with a status and a body only (tests of the Evaluator). */
    public HttpsEvidence(int status, String body) {
        this(status, body, "", "", "", "", "", "", "", "", 0, "", "");
    }
}
