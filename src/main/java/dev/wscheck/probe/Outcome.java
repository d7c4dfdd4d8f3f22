package dev.wscheck.probe;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What happened on the wire: the closed vocabulary of outcome codes (contract §4). Every probe
 * result carries exactly one. {@link #code()} is the stable identifier in reports, in
 * {@code wscheck explain} and in the remediation resource keys.
 *
 * <p>Outcomes are facts, not verdicts: whether {@code udp-no-reply} is acceptable is decided in
 * {@code dev.wscheck.verdict}, never here.
 */
public enum Outcome {
    // any probe
    OK("ok", null, "the probe succeeded"),
    SKIPPED("skipped", null, "the probe was not run (filtered out, or an earlier step of the same check failed)"),
    ERROR("error", null, "wscheck itself failed while probing: a bug, please report it"),
    DEADLINE_EXCEEDED("deadline-exceeded", null, "the run's --deadline passed before this check finished"),

    // dns
    DNS_NXDOMAIN("dns-nxdomain", ProbeKind.DNS, "the resolver says the name does not exist"),
    DNS_NODATA("dns-nodata", ProbeKind.DNS, "the name exists but has no address record"),
    DNS_SERVFAIL("dns-servfail", ProbeKind.DNS, "the resolver failed to resolve the name (SERVFAIL)"),
    DNS_REFUSED("dns-refused", ProbeKind.DNS, "the resolver refused the query (REFUSED)"),
    DNS_TIMEOUT("dns-timeout", ProbeKind.DNS, "no resolver answered in time"),
    DNS_SINKHOLED("dns-sinkholed", ProbeKind.DNS, "the answer is 0.0.0.0, loopback, private, or outside the ranges the catalog expects"),
    DNS_INCONSISTENT("dns-inconsistent", ProbeKind.DNS, "the system resolver and a direct query disagree"),
    DNS_PORT_UNREACHABLE("dns-port-unreachable", ProbeKind.DNS, "the resolver's address answered ICMP port unreachable: no DNS server listens there"),
    DNS_UNREACHABLE("dns-unreachable", ProbeKind.DNS, "the resolver cannot be reached: no route, or ICMP host/network unreachable"),

    // tcp
    TCP_REFUSED("tcp-refused", ProbeKind.TCP, "the connection was actively refused (RST)"),
    TCP_TIMEOUT("tcp-timeout", ProbeKind.TCP, "no answer to the connection attempt: packets are silently dropped"),
    TCP_UNREACHABLE("tcp-unreachable", ProbeKind.TCP, "no route to the host (ICMP unreachable / administratively prohibited)"),
    TCP_RESET("tcp-reset", ProbeKind.TCP, "the connection was opened, then reset"),

    // tls
    TLS_INTERCEPTED("tls-intercepted", ProbeKind.TLS, "the certificate validates, but not to the expected public roots: TLS inspection"),
    TLS_UNTRUSTED("tls-untrusted", ProbeKind.TLS, "the certificate chain does not validate against any trusted root"),
    TLS_HOSTNAME_MISMATCH("tls-hostname-mismatch", ProbeKind.TLS, "the certificate is for another name (often a block page)"),
    TLS_HANDSHAKE_FAILED("tls-handshake-failed", ProbeKind.TLS, "the TLS handshake failed (protocol, cipher, or the connection was cut)"),
    TLS_EXPIRED("tls-expired", ProbeKind.TLS, "the certificate is expired or not yet valid (or this PC's clock is wrong)"),

    // https
    HTTP_UNEXPECTED_STATUS("http-unexpected-status", ProbeKind.HTTPS, "the server answered with a status or body the catalog does not accept"),
    HTTP_BLOCKED("http-blocked", ProbeKind.HTTPS, "a proxy or firewall answered with a block page"),
    HTTP_TIMEOUT("http-timeout", ProbeKind.HTTPS, "the TLS session opened, but no HTTP response came in time"),
    HTTP_FAILED("http-failed", ProbeKind.HTTPS, "the HTTP exchange broke off or the answer was not HTTP"),

    // proxy (reported by whichever probe went through the proxy)
    PROXY_UNREACHABLE("proxy-unreachable", null, "the proxy itself cannot be reached"),
    PROXY_AUTH_REQUIRED("proxy-auth-required", null, "the proxy demands authentication (407)"),
    PROXY_AUTH_UNSUPPORTED("proxy-auth-unsupported", null, "the proxy offers only NTLM/Negotiate, which the WorkSpaces client cannot do"),
    PROXY_DENIED("proxy-denied", null, "the proxy refused the connection (403 / CONNECT denied)"),
    PROXY_ERROR("proxy-error", null, "the proxy failed or answered something that is not a proxy reply"),

    // udp
    UDP_REPLY("udp-reply", ProbeKind.UDP, "a UDP reply came back: two-way UDP works"),
    UDP_PORT_UNREACHABLE("udp-port-unreachable", ProbeKind.UDP, "ICMP said the port is closed or rejected"),
    UDP_NO_REPLY("udp-no-reply", ProbeKind.UDP, "silence: the datagram may be dropped, or the server just does not answer this probe"),
    UDP_UNREACHABLE("udp-unreachable", ProbeKind.UDP, "ICMP said the host or network is unreachable"),

    // latency
    LATENCY_HIGH("latency-high", ProbeKind.LATENCY, "round-trip time above the protocol's best-experience bound"),
    LATENCY_CRITICAL("latency-critical", ProbeKind.LATENCY, "round-trip time above the bound where the client disconnects"),
    LOSS_HIGH("loss-high", ProbeKind.LATENCY, "too many samples were lost"),
    JITTER_HIGH("jitter-high", ProbeKind.LATENCY, "round-trip time varies too much between samples"),

    // reflector (check --reflector; ok, udp-no-reply, loss-high and jitter-high are shared with the probes above)
    MTU_LOW("mtu-low", ProbeKind.REFLECTOR, "a 1,200-byte UDP datagram does not get to the reflector and back: the path MTU is below what WorkSpaces needs"),
    REFLECTOR_SILENT("reflector-silent", ProbeKind.REFLECTOR, "the reflector's TCP port accepted the connection but sent no authenticated echo: another key, a clock more than a minute off, or its limits");

    private final String code;
    private final ProbeKind family;
    private final String meaning;

    Outcome(String code, ProbeKind family, String meaning) {
        this.code = code;
        this.family = family;
        this.meaning = meaning;
    }

    /** Returns the stable identifier, e.g. {@code tcp-refused}. */
    public String code() {
        return code;
    }

    /** Returns the probe kind this outcome belongs to; empty for outcomes any probe may report. */
    public Optional<ProbeKind> family() {
        return Optional.ofNullable(family);
    }

    /** Returns the one-line English meaning (translations live in the remediation bundles). */
    public String meaning() {
        return meaning;
    }

    /** Returns the outcome with this code, if there is one. */
    public static Optional<Outcome> fromCode(String code) {
        String c = code.toLowerCase(Locale.ROOT);
        for (Outcome o : values()) {
            if (o.code.equals(c)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /**
     * Maps an exception thrown during {@code phase} to an outcome. This is the one place where
     * Java exceptions are given a meaning; probes call it instead of guessing. A
     * {@link ProbeException} keeps the outcome it was given. Unknown runtime exceptions are
     * {@link #ERROR}: a wscheck bug.
     */
    public static Outcome classify(Throwable t, Phase phase) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ProbeException pe) {
                return pe.outcome();
            }
        }
        if (t instanceof PortUnreachableException) {
            return UDP_PORT_UNREACHABLE;
        }
        if (t instanceof NoRouteToHostException) {
            return phase == Phase.REQUEST ? UDP_UNREACHABLE : TCP_UNREACHABLE;
        }
        if (t instanceof UnknownHostException) {
            return DNS_NXDOMAIN;
        }
        if (t instanceof SSLPeerUnverifiedException) {
            return TLS_HOSTNAME_MISMATCH;
        }
        if (t instanceof SSLHandshakeException) {
            if (hasCause(t, CertificateExpiredException.class) || hasCause(t, CertificateNotYetValidException.class)) {
                return TLS_EXPIRED;
            }
            if (hasCause(t, CertPathBuilderException.class) || hasCause(t, CertPathValidatorException.class)
                    || messageContains(t, "PKIX path")) {
                return TLS_UNTRUSTED;
            }
            if (messageContains(t, "No subject alternative") || messageContains(t, "doesn't match")) {
                return TLS_HOSTNAME_MISMATCH;
            }
            return TLS_HANDSHAKE_FAILED;
        }
        if (t instanceof SSLException) {
            return TLS_HANDSHAKE_FAILED;
        }
        if (t instanceof ConnectException) {
            if (messageContains(t, "timed out")) {
                return TCP_TIMEOUT;
            }
            if (messageContains(t, "unreachable") || messageContains(t, "No route")) {
                return TCP_UNREACHABLE;
            }
            return TCP_REFUSED;
        }
        if (t instanceof InterruptedIOException) { // SocketTimeoutException and friends
            switch (phase) {
                case DNS:
                    return DNS_TIMEOUT;
                case CONNECT:
                    return TCP_TIMEOUT;
                case TLS:
                    return TLS_HANDSHAKE_FAILED;
                default:
                    return HTTP_TIMEOUT;
            }
        }
        if (t instanceof SocketException && (messageContains(t, "reset") || messageContains(t, "Broken pipe"))) {
            return TCP_RESET;
        }
        if (t instanceof EOFException || t instanceof SocketException || t instanceof java.io.IOException) {
            switch (phase) {
                case DNS:
                    return DNS_SERVFAIL;
                case CONNECT:
                    return TCP_UNREACHABLE;
                case TLS:
                    return TLS_HANDSHAKE_FAILED;
                default:
                    return HTTP_FAILED;
            }
        }
        return ERROR;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean messageContains(Throwable t, String fragment) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
