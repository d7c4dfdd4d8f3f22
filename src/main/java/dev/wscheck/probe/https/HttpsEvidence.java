package dev.wscheck.probe.https;

import dev.wscheck.probe.Evidence;

/**
 * What the HTTPS server answered.
 *
 * @param status the HTTP status code
 * @param body the start of the response body (at most 1 KiB, decoded as UTF-8), for the
 *             catalog's {@code bodyContains} expectation and for recognising block pages
 */
public record HttpsEvidence(int status, String body) implements Evidence {}
