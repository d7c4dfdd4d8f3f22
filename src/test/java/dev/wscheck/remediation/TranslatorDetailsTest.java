package dev.wscheck.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.report.EnglishWords;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every detail sentence wscheck writes reads in Japanese. Two halves: a table with one real
 * detail line per shape the probes, transports, engine and verdicts write (each must come out of
 * {@code Translator.into(JAPANESE)} with no English sentence left, and go back into the same
 * English); and a scan of those classes' string literals, so that a new English sentence in a
 * probe fails here until translations.properties has its template (and so this table its line).
 */
class TranslatorDetailsTest {
    record Case(String name, String english) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String H = "drp-nrt.amazonworkspaces.com";
    static final String API = "workspaces.ap-northeast-1.amazonaws.com";

    static Stream<Case> details() {
        return Stream.of(
                // connections (ConnectFailures, TcpProbe)
                new Case("a TCP connect that works", "direct => " + H + ":4172: connected in 12 ms"),
                new Case("a refused TCP connect", "direct => " + H + ":4172: connection refused"),
                new Case("a silent TCP port", "direct => " + H + ":4172: no answer within 5000 ms"),
                new Case("a reset TCP connect", "direct => " + H + ":4172: connection reset"),
                new Case("an unreachable network, in the JDK's words", "direct => " + H + ":4172: unreachable (No route to host)"),
                new Case("a connect through an HTTP proxy", "http proxy 198.18.1.1:3128 => " + API + ":443: connected in 40 ms"),
                new Case("a connect through a SOCKS5 proxy", "socks5 proxy 198.18.1.1:1080 => " + API + ":443: connection refused"),
                // the engine (Attempts, Engine)
                new Case("one address of several failed", "direct => " + H + ":4172: connected in 12 ms (1 of 2 addresses failed: 198.51.100.7 tcp-refused)"),
                new Case("every address failed", "direct => " + H + ":4172: connection refused (all 2 addresses failed)"),
                new Case("a retry that passed", "direct => " + H + ":4172: connected in 12 ms (attempt 2; the first gave tcp-timeout)"),
                new Case("a PC too busy to tell", "direct => " + H + ":4172: no answer within 5000 ms (this PC was too busy to tell: scheduler lag up to 900 ms in 3 attempts)"),
                new Case("attempts that disagreed", "direct => " + H + ":4172: connection refused (2 of 3 attempts agreed)"),
                new Case("a step not run after a failed one", "not run: dns connectivity.amazonworkspaces.com failed (dns-nxdomain)"),
                new Case("a step not run after a skipped one", "not run: an earlier step failed"),
                new Case("a check cut by the deadline", "tcp " + H + ":4172: not finished when the run's deadline passed"),
                new Case("a check cut by an interruption", "tcp " + H + ":4172: not finished when the run was stopped (interrupted)"),
                new Case("an address not probed on an IPv4-only PC", "not probed: this PC has no global IPv6 address, so the client uses IPv4"),
                // UDP (UdpProbe)
                new Case("a UDP reply", "direct => " + H + ":4172 [18.180.178.9]: reply of 40 bytes from 18.180.178.9:4172 after 150 ms"),
                new Case("a QUIC version negotiation reply", "direct => " + H + ":4195 [3.114.164.8]: reply of 40 bytes from 3.114.164.8:4195 after 150 ms (QUIC Version Negotiation offering 0x00000001, 0x6b3343cf)"),
                new Case("a silent UDP port", "direct => " + H + ":4172 [18.180.178.9]: no reply to 3 plain datagram(s) within 5000 ms (silence is inconclusive: the datagrams may be dropped, or the server does not answer this probe)"),
                new Case("a UDP port that answers ICMP port unreachable", "direct => " + H + ":4172 [18.180.178.9]: ICMP port unreachable after 1 datagram(s): nothing listens there, or a firewall rejects it"),
                new Case("UDP rejected on the way", "direct => " + H + ":4172 [18.180.178.9]: ICMP destination unreachable after 2 datagram(s) (Host is unreachable): a router or firewall on the way rejects it"),
                new Case("full socket buffers", "direct => " + H + ":4172 [18.180.178.9]: no datagram could be sent within 5000 ms (this PC's socket buffers are full)"),
                // latency (LatencyProbe)
                new Case("latency samples", "direct => " + H + ":4172: 10/10 connects, median 150.8 ms (min 150.5, p95 151.0, max 151.0, jitter 0.5 ms; warm-up 152.0 ms not counted)"),
                new Case("latency samples with losses, cut short", "direct => " + H + ":4172: 8/10 connects, median 150.8 ms (min 150.5, p95 151.0, max 151.0, jitter 0.5 ms; warm-up 152.0 ms not counted), 2 lost, stopped after 10 of 20 samples: time budget used up"),
                new Case("a latency check whose first sample failed", "direct => " + H + ":4172: first sample failed, connection refused"),
                // DNS (DnsProbe, ServerAttempt, Sinkholes)
                new Case("a DNS answer", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: A 52.94.1.1, 52.94.1.2; AAAA none"),
                new Case("a DNS answer through a CNAME chain", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: A 52.94.1.1; AAAA none via CNAME connectivity.amazonworkspaces.com -> cc.example.net"),
                new Case("a DNS answer after a first server failed", "resolver 198.18.2.3:53 (resolv.conf) => connectivity.amazonworkspaces.com: A 52.94.1.1; AAAA none (after 198.18.2.2:53: no answer within 1000 ms)"),
                new Case("an NXDOMAIN", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: NXDOMAIN, the name does not exist"),
                new Case("an NXDOMAIN at the end of a CNAME chain", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: NXDOMAIN for cc.example.net at the end of CNAME chain connectivity.amazonworkspaces.com -> cc.example.net, the name does not exist"),
                new Case("a name without an address", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: NOERROR but no A or AAAA record (the name exists without an address)"),
                new Case("a SERVFAIL", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: SERVFAIL, the resolver failed to resolve the name"),
                new Case("a REFUSED", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: REFUSED, the resolver will not answer this query from here"),
                new Case("a sinkholed answer", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: answer 0.0.0.0 is the unspecified address, which a public endpoint never has (DNS sinkhole or internal record)"),
                new Case("a private answer", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: answer 10.1.2.3 is private (RFC 1918, 10.0.0.0/8), which a public endpoint never has (DNS sinkhole or internal record)"),
                new Case("every resolver silent, each one's failure listed", "resolvers 198.18.2.2:53, 198.18.2.3:53 (resolv.conf) => connectivity.amazonworkspaces.com: no answer within 5000 ms (198.18.2.2:53: no answer within 2500 ms; 198.18.2.3:53: port unreachable (ICMP): no DNS server listens there)"),
                new Case("every resolver silent", "resolvers 198.18.2.2:53, 198.18.2.3:53 (resolv.conf) => connectivity.amazonworkspaces.com: no answer within 5000 ms (198.18.2.2:53: no answer within 2500 ms)"),
                new Case("a resolver with nothing listening", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: ICMP port unreachable: no DNS server listens at the resolver's address (198.18.2.2:53: port unreachable (ICMP): no DNS server listens there)"),
                new Case("a resolver out of reach", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: the resolver cannot be reached (no route, or ICMP unreachable) (198.18.2.2:53: unreachable (Network is unreachable))"),
                new Case("no resolver at all", "no DNS resolver is configured (resolv.conf) => connectivity.amazonworkspaces.com: no server to ask"),
                new Case("the OS and the direct query disagree", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: the direct query answers 52.94.1.1, but the operating system's resolver returns 10.0.0.9 (hosts file, VPN split DNS or NRPT?)"),
                new Case("only the OS resolves", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: the direct query got no answer (no answer within 5000 ms), but the operating system's resolver returns 52.94.1.1, which the client uses"),
                new Case("an IP address needs no lookup", "dns => 18.180.178.9: an IP address, nothing to resolve"),
                new Case("a truncated answer", "resolver 198.18.2.2:53 (resolv.conf) => connectivity.amazonworkspaces.com: no usable answer (198.18.2.2:53: unusable answer (the UDP answer was truncated (TC bit set) and the retry over TCP failed: no answer over TCP))"),
                // DNS answers outside AWS (DnsAnswerRule)
                new Case("an AWS name resolving to loopback", API + " resolves to 127.0.0.1, a loopback address: a DNS filter or a hosts-file entry is blocking it"),
                new Case("an AWS name resolving outside AWS's ranges", API + " resolves to 203.0.113.9, which lies in no range AWS publishes (ip-ranges.json createDate 2026-11-20-10-00-00): a DNS filter, a hosts-file entry or a stale record may be sending the client elsewhere"),
                // TLS (TlsProbe, TlsDiagnosis)
                new Case("a clean TLS handshake", "direct => " + API + ":443: TLSv1.3 TLS_AES_128_GCM_SHA256, chain to Amazon Root CA 1, leaf expires in 62 days"),
                new Case("an inspected TLS handshake", "direct => " + API + ":443: TLSv1.3 TLS_AES_128_GCM_SHA256, TLS inspection: the certificate was issued by Zscaler Root CA (Zscaler Inc.), which this PC trusts (from windows-root, jdk) but which is not one of the expected public roots, leaf expires in 62 days"),
                new Case("a TLS handshake that resumed the run's session", "direct => " + API + ":443: TLSv1.3 TLS_AES_128_GCM_SHA256, chain to Amazon Root CA 1, leaf expires in 62 days (resumed session)"),
                new Case("an unreachable revocation endpoint", "direct => " + API + ":443: TLSv1.3 TLS_AES_128_GCM_SHA256, chain to Amazon Root CA 1, leaf expires in 62 days; revocation unreachable (1 of 2): http://ocsp.r2m02.amazontrust.com (no answer in time)"),
                new Case("an untrusted issuer", "direct => " + API + ":443: the certificate was issued by Fortinet CA, which this PC does not trust (TLS inspection by a CA not deployed on this PC, or a forged certificate)"),
                new Case("a certificate for another name", "direct => " + API + ":443: the certificate is for block.example.net, not " + API + " (issued by Fortinet CA): often a firewall's block page"),
                new Case("an expired certificate", "direct => " + API + ":443: the certificate " + API + " expired on 2026-10-01 (62 days ago)"),
                new Case("a certificate not yet valid on a PC behind time", "direct => " + API + ":443: the certificate " + API + " is not valid until 2027-01-01: this PC's clock seems to be behind, check this PC's clock (it reads 2026-12-02T11:20:00Z)"),
                new Case("a TLS handshake timeout", "direct => " + API + ":443: no TLS answer within 5000 ms (tried TLSv1.3, TLSv1.2)"),
                new Case("a TLS handshake reset", "direct => " + API + ":443: connection reset during the TLS handshake (tried TLSv1.3, TLSv1.2): a firewall may be filtering on the server name"),
                new Case("plain HTTP where TLS was expected", "direct => " + API + ":443: the server did not answer with TLS (plain HTTP on this port, or a proxy's error page?) (tried TLSv1.3, TLSv1.2)"),
                new Case("a self-signed certificate", "direct => " + API + ":443: self-signed certificate " + API + ", which this PC does not trust"),
                new Case("a public root missing from the PC's store", "direct => " + API + ":443: the chain leads to Amazon Root CA 1, which is not in this PC's trust stores: update the trust store"),
                // HTTPS (HttpsProbe, BlockPages, Evaluator)
                new Case("an HTTPS answer", "direct => https://" + API + "/: HTTP 200 from Server over TLSv1.3"),
                new Case("an HTTPS answer after a resumed handshake broke off", "direct => https://" + API + "/: HTTP 200 from Server over TLSv1.3 (a full TLS handshake after a resumed one broke off: tls-reset)"),
                new Case("an HTTPS answer from a PC whose clock is ahead", "direct => https://" + API + "/: HTTP 200 from Server over TLSv1.3; PC clock is 7 min ahead of the server"),
                new Case("a Zscaler block page", "http proxy 198.18.1.1:3128 => https://" + API + "/: HTTP 403 Forbidden: a Zscaler page (the page names Zscaler)"),
                new Case("a squid error header", "http proxy 198.18.1.1:3128 => https://" + API + "/: HTTP 403 Forbidden: a squid proxy answered instead of the server (X-Squid-Error: ERR_ACCESS_DENIED 0)"),
                new Case("an HTTP answer that never comes", "direct => https://" + API + "/: the TLS session opened, but no HTTP response came within 5000 ms"),
                new Case("an HTTP exchange that breaks off", "direct => https://" + API + "/: the HTTP exchange broke off: Connection reset"),
                new Case("a connection reset after the handshake", "direct => https://" + API + "/: connection reset after the TLS handshake, before an HTTP answer"),
                new Case("a status the catalog does not expect", "HTTP 404, the catalog expects 200"),
                // proxies (ProxyTransport, HttpConnectTransport, Socks5Transport)
                new Case("a proxy that denies CONNECT", "http proxy 198.18.1.1:3128 => " + API + ":443: 403 Forbidden (squid ERR_ACCESS_DENIED); allow " + API + " on the proxy"),
                new Case("a proxy that denies a port", "http proxy 198.18.1.1:3128 => " + H + ":4195: 403 Forbidden; many proxies allow CONNECT to port 443 only (squid: SSL_ports): allow port 4195 for " + H),
                new Case("a proxy that cannot reach the server", "http proxy 198.18.1.1:3128 => " + API + ":443: 503 Service Unavailable: the proxy could not open a connection to " + API + ":443"),
                new Case("a proxy that wants a password", "http proxy 198.18.1.1:3128 => " + API + ":443: 407 Proxy Authentication Required (offers Basic realm=\"corp\"); no credentials were sent"),
                new Case("a proxy that rejects the credentials", "http proxy 198.18.1.1:3128 => " + API + ":443: 407 Proxy Authentication Required (offers Basic realm=\"corp\"); the credentials of user 'tanaka' were rejected"),
                new Case("a proxy with Windows sign-in only", "http proxy 198.18.1.1:3128 => " + API + ":443: 407 Proxy Authentication Required (offers NTLM, Negotiate): Windows sign-in only, which the WorkSpaces client cannot do"),
                new Case("a proxy out of reach", "http proxy 198.18.1.1:3128 => " + API + ":443: the proxy cannot be reached: connection refused"),
                new Case("a silent proxy", "http proxy 198.18.1.1:3128 => " + API + ":443: no answer from the proxy within 5000 ms (it accepted the connection; it may still be trying to reach " + API + ":443)"),
                new Case("a proxy that closes without answering", "http proxy 198.18.1.1:3128 => " + API + ":443: the proxy closed the connection without answering the CONNECT"),
                new Case("something that is not an HTTP proxy", "http proxy 198.18.1.1:3128 => " + API + ":443: the proxy answered something that is not HTTP: \"SSH-2.0-OpenSSH\" (is this an HTTP proxy port?)"),
                new Case("a SOCKS5 proxy that denies", "socks5 proxy 198.18.1.1:1080 => " + API + ":443: SOCKS5 reply 2 (connection not allowed by ruleset); allow " + API + ":443 on the proxy"),
                new Case("a SOCKS5 proxy that wants credentials", "socks5 proxy 198.18.1.1:1080 => " + API + ":443: the SOCKS5 proxy requires authentication (no acceptable method without credentials)"),
                new Case("a SOCKS5 proxy that closes early", "socks5 proxy 198.18.1.1:1080 => " + API + ":443: the SOCKS5 proxy closed the connection before its reply to CONNECT"),
                // the reflector (ReflectorProbe, ReflectorRule)
                new Case("reflector UDP echoes", "direct => reflector.example.net:4172: 20/20 echoes (0.0 % lost), round trip median 12.0 ms (min 11.0, p95 14.0), jitter 0.8 ms, 0 reordered, largest datagram 1200 bytes"),
                new Case("a silent reflector over UDP", "direct => reflector.example.net:4172: no authenticated echo to 20 datagrams (UDP 4172 blocked on the way, or the reflector is down, has another key, or this PC's clock is more than a minute off)"),
                new Case("a reflector with another key", "direct => reflector.example.net:4172: connected, but no authenticated echo (an echo that is not signed with the key): another key in WSCHECK_REFLECTOR_KEY, this PC's clock more than a minute off, or the reflector's limits"),
                new Case("a path that loses big datagrams", "the largest datagram that got there and back is 1100 bytes; a 1200-byte datagram did not (WorkSpaces needs 1200)"),
                new Case("no reflector given", "no --reflector given"),
                // quality (Quality)
                new Case("a high round trip", "median round trip 151 ms is above 100 ms, the best-experience bound for PCoIP"),
                new Case("an unusable round trip", "median round trip 380 ms is above 375 ms, where DCV becomes unusable"),
                new Case("losses above the bound", "2.5 % of the samples were lost, above the 1.0 % bound for DCV"),
                new Case("jitter above the bound", "jitter 42.0 ms is above the 30 ms bound for PCoIP"),
                // route comparison (RouteComparison)
                new Case("the proxy works where direct is blocked", "direct blocked (tcp-refused), proxy works: fine, the client uses the proxy"),
                new Case("the proxy fails where direct works", "proxy fails (proxy-denied), direct works: a client configured to use the proxy fails here; fix the proxy, or bypass it for this destination"),
                new Case("neither path works", "proxy fails (proxy-denied), direct blocked (tcp-refused): neither path works"),
                new Case("both paths work", "proxy works, direct works too: the client uses the proxy"));
    }

    @ParameterizedTest(name = "{0}: Japanese all through, and back into the same English")
    @MethodSource("details")
    void readsInJapanese(Case c) {
        String ja = Translator.into(Locale.JAPANESE).text(c.english());
        assertNotEquals(c.english(), ja, "no template matched");
        assertEquals(List.of(), EnglishWords.in(ja).stream().map(w -> w.substring(0, w.indexOf(" in: "))).toList(), "English left in: " + ja);
        assertEquals(c.english(), Translator.into(Locale.ENGLISH).text(ja), "back into English from: " + ja);
    }

    /** The classes whose string literals become detail lines (and the texts inside them). */
    static final List<String> SOURCES = List.of("probe", "verdict", "net/ProxyTransport.java", "net/HttpConnectTransport.java",
            "net/Socks5Transport.java", "net/DirectTransport.java", "engine/Attempts.java", "engine/Engine.java");

    /**
     * Literals of those classes that are English words but never a detail: explain texts (in
     * probe/Outcome.java, translated by the CLI), exception messages for wscheck's own bugs or bad
     * input, protocol bytes and header names, thread names and matched error-message fragments.
     */
    static final Set<String> NOT_DETAILS = Set.of("probe/Outcome.java", "probe/ProbeKind.java", "probe/ProbeRegistry.java", "probe/Target.java",
            "probe/dns/StubSchedule.java", "probe/udp/UdpPayload.java", "probe/tls/TlsEvidence.java", "probe/tls/ChainRecorder.java",
            "probe/reflector/ReflectorSettings.java", "probe/ThreadClock.java");

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern WORDS = Pattern.compile("[A-Za-z]{2,}[ (,:;-]+[A-Za-z]{2,}");
    /** Literals that look like words but are matched against (or sent to) the outside world, not written. */
    private static final Pattern MACHINE = Pattern.compile("(?s).*(\\\\r\\\\n|User-Agent|Proxy-Authorization|X-Squid-Error$|Content-Type|^wscheck-|"
            + "^reflector-probe|^squid-error|^[a-z]+-page$|^x-squid-error$|^proxy-authenticate$|^note\\.|timed out$|try again|temporary failure|"
            + "PKIX path|no trusted roots|Unsupported or unrecognized SSL message|^(connection refused|port unreachable|no route to host|"
            + "network is unreachable|host is unreachable|host unreachable)$|is not an? (HTTP|SOCKS5) proxy|internal error|"
            + "is not this check's target|bad length|cannot run out|^not-checked$|host name longer than|wiring bug|"
            + "^blocked in accordance with company policy$).*");

    @Test
    void everyDetailLiteralHasATemplate() throws IOException {
        String templates = String.join("\n", englishTemplates());
        Path root = Path.of("src/main/java/dev/wscheck");
        List<String> missing = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String s : SOURCES) {
            try (Stream<Path> walk = Files.walk(root.resolve(s))) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            }
        }
        int checked = 0;
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            if (NOT_DETAILS.contains(rel)) {
                continue;
            }
            boolean comment = false;
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.startsWith("/*")) {
                    comment = !t.contains("*/");
                    continue;
                }
                if (comment) {
                    comment = !t.contains("*/");
                    continue;
                }
                if (t.startsWith("//") || t.startsWith("*") || t.startsWith("@") || t.contains("Exception(\"") && !t.contains("ProxyException")
                        && !t.contains("ProbeException")) {
                    continue;
                }
                Matcher m = LITERAL.matcher(t);
                while (m.find()) {
                    String lit = m.group(1);
                    if (!WORDS.matcher(lit).find() || MACHINE.matcher(lit).matches()) {
                        continue;
                    }
                    checked++;
                    String core = lit.replace("\\\"", "\"").replaceAll("%[-.0-9]*[sdf]", "\u0000").replace("%%", "%");
                    for (String part : core.split("\u0000")) {
                        String p = part.strip().replaceAll("^[,:;()\\[\\]]+|[,:;()\\[\\]]+$", "").strip();
                        if (!p.isEmpty() && !templates.contains(p)) {
                            missing.add(rel + ": \"" + lit + "\" (no template contains \"" + p + "\")");
                        }
                    }
                }
            }
        }
        assertTrue(checked > 150, "the scan found only " + checked + " literals: has the source moved?");
        assertEquals(List.of(), missing, "English detail text without a template in remediation/translations.properties");
    }

    /** The English templates, placeholders replaced by a mark no literal contains. */
    private static List<String> englishTemplates() throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : List.of("dev/wscheck/remediation/translations.properties", "dev/wscheck/remediation/remediation.properties")) {
            Properties p = new Properties();
            try (InputStream in = TranslatorDetailsTest.class.getClassLoader().getResourceAsStream(name)) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            p.stringPropertyNames().forEach(k -> out.add(p.getProperty(k).replaceAll("\\{[a-zA-Z0-9]+}", "\u0001")));
        }
        return out;
    }
}
