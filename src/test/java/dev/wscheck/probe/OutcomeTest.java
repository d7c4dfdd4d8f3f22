package dev.wscheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The one classifier: which Java exception, in which phase, means which outcome. */
class OutcomeTest {
    record Case(String name, Throwable error, Phase phase, Outcome expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("connection refused while connecting", new ConnectException("Connection refused"), Phase.CONNECT, Outcome.TCP_REFUSED),
                new Case("connect timed out", new SocketTimeoutException("Connect timed out"), Phase.CONNECT, Outcome.TCP_TIMEOUT),
                new Case("ConnectException saying timed out", new ConnectException("Connection timed out"), Phase.CONNECT, Outcome.TCP_TIMEOUT),
                new Case("no route to host while connecting", new NoRouteToHostException("No route to host"), Phase.CONNECT, Outcome.TCP_UNREACHABLE),
                new Case("no route to host for a datagram", new NoRouteToHostException("No route to host"), Phase.REQUEST, Outcome.UDP_UNREACHABLE),
                new Case("connection reset", new SocketException("Connection reset"), Phase.TLS, Outcome.TCP_RESET),
                new Case("ICMP port unreachable", new PortUnreachableException("ICMP Port Unreachable"), Phase.REQUEST, Outcome.UDP_PORT_UNREACHABLE),
                new Case("read timeout during the TLS handshake", new SocketTimeoutException("Read timed out"), Phase.TLS, Outcome.TLS_HANDSHAKE_FAILED),
                new Case("read timeout waiting for HTTP", new SocketTimeoutException("Read timed out"), Phase.REQUEST, Outcome.HTTP_TIMEOUT),
                new Case("DNS query timed out", new SocketTimeoutException("Query timed out"), Phase.DNS, Outcome.DNS_TIMEOUT),
                new Case("PKIX path building failed", new SSLHandshakeException("PKIX path building failed"), Phase.TLS, Outcome.TLS_UNTRUSTED),
                new Case("certificate path validation failed", handshake(new CertPathValidatorException("bad")), Phase.TLS, Outcome.TLS_UNTRUSTED),
                new Case("certificate expired", handshake(new CertificateExpiredException("NotAfter")), Phase.TLS, Outcome.TLS_EXPIRED),
                new Case("hostname not verified", new SSLPeerUnverifiedException("Hostname x not verified"), Phase.TLS, Outcome.TLS_HOSTNAME_MISMATCH),
                new Case("no subject alternative name", new SSLHandshakeException("No subject alternative DNS name matching x found."), Phase.TLS, Outcome.TLS_HOSTNAME_MISMATCH),
                new Case("handshake alert", new SSLHandshakeException("Received fatal alert: handshake_failure"), Phase.TLS, Outcome.TLS_HANDSHAKE_FAILED),
                new Case("EOF during the handshake", new EOFException("SSL peer shut down incorrectly"), Phase.TLS, Outcome.TLS_HANDSHAKE_FAILED),
                new Case("stream ended during HTTP", new IOException("unexpected end of stream"), Phase.REQUEST, Outcome.HTTP_FAILED),
                new Case("a ProbeException keeps its outcome", new ProbeException(Outcome.PROXY_DENIED, "403"), Phase.CONNECT, Outcome.PROXY_DENIED),
                new Case("a wrapped ProbeException keeps its outcome", new IOException("wrapped", new ProbeException(Outcome.PROXY_AUTH_REQUIRED, "407")), Phase.CONNECT, Outcome.PROXY_AUTH_REQUIRED),
                new Case("a runtime exception is a wscheck bug", new IllegalStateException("oops"), Phase.CONNECT, Outcome.ERROR));
    }

    private static SSLHandshakeException handshake(Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException("handshake failed");
        e.initCause(cause);
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(Case c) {
        assertEquals(c.expected(), Outcome.classify(c.error(), c.phase()));
    }

    @Test
    void codesAreUniqueKebabCaseAndRoundTrip() {
        Set<String> seen = new HashSet<>();
        for (Outcome o : Outcome.values()) {
            assertTrue(o.code().matches("[a-z]+(-[a-z]+)*"), o.code());
            assertTrue(seen.add(o.code()), "duplicate " + o.code());
            assertEquals(o, Outcome.fromCode(o.code()).orElseThrow());
            assertTrue(!o.meaning().isBlank(), o.code());
        }
    }
}
