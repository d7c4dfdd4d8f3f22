package dev.wscheck.report;

import dev.wscheck.probe.Confirmation;
import dev.wscheck.probe.dns.DnsEvidence;
import dev.wscheck.probe.https.HttpsEvidence;
import dev.wscheck.probe.latency.LatencyEvidence;
import dev.wscheck.probe.reflector.ReflectorEvidence;
import dev.wscheck.probe.tcp.TcpEvidence;
import dev.wscheck.probe.tls.TlsEvidence;
import dev.wscheck.probe.udp.UdpEvidence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports built by hand, without a catalog or any Jackson code, for the JSON writer's tests and its
 * cold-start timing: every probe's evidence record, the engine's confirmation merged in, every
 * optional part of the report present, absent ({@code null}) and empty, and text that needs
 * escaping.
 */
final class JsonReportSamples {
    private JsonReportSamples() {}

    static final String AWKWARD = "quote \" backslash \\ tab \t newline \n nul \u0000 bell \u0007 del \u007f line-sep \u2028 東京 🚀 </script>";

    /** Every evidence type, every optional field present. */
    static Report full() {
        Confirmation confirmation = new Confirmation(3, 2, true,
                List.of(new Confirmation.Attempt("tcp-timeout", 5003, 12, 40, 180, 1.75, true), new Confirmation.Attempt("ok", 31, 2, 0, 0, 0.25, false, 7L)),
                List.of(new Confirmation.AddressResult("198.18.2.7", "ipv4", "ok", 2, 31, "connected"),
                        new Confirmation.AddressResult("2001:db8::7", "ipv6", "tcp-timeout", 1, 5003, AWKWARD)));
        List<Report.Check> checks = List.of(
                check("dns", new DnsEvidence("broker.lab.test", "explicit", List.of("198.18.0.53:53"), List.of("198.18.0.54:53: silent"), "198.18.0.53:53",
                        "NOERROR", "NXDOMAIN", false, List.of("edge.lab.test."), List.of("198.18.2.7", "198.18.2.8"), List.of(), 60, "same",
                        List.of("198.18.2.7"), "stub", List.of(new DnsEvidence.Send("198.18.0.53:53", "A", 0, "answer"),
                        new DnsEvidence.Send("198.18.0.53:53", "AAAA", 2, "NXDOMAIN")))),
                check("tcp", new Report.Confirmed(new TcpEvidence("198.18.1.2:50123", "direct"), confirmation)),
                check("tls", new TlsEvidence("TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of("TLSv1.3"),
                        List.of(new TlsEvidence.CertificateInfo("CN=broker.lab.test", "CN=Lab Intermediate", "0a1b", "2026-11-01T00:00:00Z",
                                "2027-11-01T00:00:00Z", "ab".repeat(32), List.of("broker.lab.test", "*.lab.test"))),
                        "Lab Root", "cd".repeat(32), List.of("catalog", "--trust"), true, "Lab Root", 334, "CN=Lab Intermediate",
                        List.of(new TlsEvidence.RevocationEndpoint("ocsp", "http://ocsp.lab.test/", "unreachable", "no answer within 5000 ms"))).withSession(TlsEvidence.FULL)),
                check("https", new HttpsEvidence(200, "healthy", "OK", "HTTP/1.1", "lab", "Wed, 02 Dec 2026 09:00:00 GMT", null, "text/plain",
                        "TLSv1.3", "TLS_AES_128_GCM_SHA256", -2, "", TlsEvidence.RESUMED)),
                check("udp", new Report.Confirmed(new UdpEvidence("pcoip-hello", 3, 3 * 38, 0, null, List.of("0x00000001"), Double.NaN),
                        new Confirmation(1, 1, false, List.of(), List.of()))),
                check("latency", new LatencyEvidence(10, 9, List.of(150.5, 151.0, 0.1, 1e-7, 12345678.9), 150.8, 0.1, 12345678.9, 0.5, 10,
                        151.0, 10.0, -0.0)),
                check("reflector", new ReflectorEvidence(100, 97, 3.0, new ReflectorEvidence.Rtt(10.25, 11.5, 19.0), 1.2, 4, 1200)),
                check("tcp", new Report.Confirmed(null, confirmation)),
                check("tcp", new Report.Confirmed(new TcpEvidence("198.18.1.2:50124", "socks5"), null)));
        Map<String, Report.Thresholds> thresholds = new LinkedHashMap<>();
        thresholds.put("pcoip", new Report.Thresholds(100, 375));
        thresholds.put("dcv", new Report.Thresholds(250, 400));
        Report r = new Report(1, new Report.Tool("wscheck", "0.0.0-test"), "2026-12-02T09:00:00.123Z", 3456, "ap-northeast-1", List.of("pcoip", "dcv"),
                new Report.Host("Linux 6.1 (amd64)", "branch-pc-01", List.of("198.18.0.53"), List.of("198.18.1.2", "fd00::2"), Boolean.TRUE),
                new Report.Proxy("pac", "http://proxy.lab.test:3128", "--pac", "file:///etc/proxy.pac", "labuser",
                        List.of(new Report.Resolved("https://broker.lab.test/", "http://proxy.lab.test:3128", "PAC: PROXY proxy.lab.test:3128")),
                        List.of("the proxy asked for authentication"), List.of("--pac file:///etc/proxy.pac: PROXY proxy.lab.test:3128")),
                new Report.CatalogRef("builtin", "2026-11-30", "2026-08-22-15-17-05"), "fail", new Report.Counts(3, 1, 2, 1, 4),
                new Report.Findings(new Report.TlsInspection(List.of("Zscaler Root CA"), List.of("broker.lab.test"), List.of("*.lab.test")),
                        List.of("http://ocsp.lab.test/"), List.of("ws.lab.test")),
                List.of(new Report.Requirement("broker", "broker", "Broker " + AWKWARD, "any", "required", "fail", "a note",
                                new Report.Route("proxy", "fails", "works", "proxy-auth-required", null, "the proxy refuses; the direct path works"), checks,
                                List.of(new Report.Remedy("proxy-auth-required", "Let the WorkSpaces destinations through without authentication.")),
                                false, 4),
                        new Report.Requirement("skipped", "api", "Skipped", "dcv", "optional", "skip", "", null, List.of(), List.of(), true, 0)),
                Boolean.TRUE, List.of(new Report.Change("broker", "pass", "fail", "2026-12-02T08:45:00Z")), thresholds,
                new Environment("Linux", "6.1.0-test", "amd64", "17.0.12", "0.0.0-test", "branch-pc-01", "tanaka",
                        List.of(new Environment.Interface("eth0", List.of("198.18.1.2")), new Environment.Interface("lo", List.of())), "198.18.1.1",
                        List.of("198.18.0.53"), "resolv.conf", "http://proxy.lab.test:3128", "PAC", new Environment.Vpn(true, List.of("tun0")),
                        "4.7.0", Environment.Clock.of(-2300, 12), "203.0.113.9",
                        new Environment.Ipv6(true, Boolean.TRUE, "auto", true, List.of("ipv6", "ipv4"), null)));
        return r;
    }

    /** The same report with every optional part absent: nulls where the record allows them. */
    static Report sparse() {
        List<Report.Check> checks = List.of(new Report.Check("dns", "broker.lab.test", null, null, null, "dns-nxdomain", "fail", 0, null, null, null),
                new Report.Check("tcp", "broker.lab.test:443", null, "direct", "local-dns", "ok", "pass", 1, Map.of(), "", null));
        List<Report.Requirement> reqs = new ArrayList<>(List.of(
                new Report.Requirement("broker", null, null, null, null, "fail", null, null, checks, List.of(), false),
                new Report.Requirement("nothing", "", "", "", "", "pass", "", null, null, null, false)));
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("dns", 1L);
        phases.put("tls", null);
        reqs.add(new Report.Requirement("nulls", "api", "Nulls", "any", "required", "warn", null, new Report.Route(null, null, null, null, null, null),
                List.of(new Report.Check("https", "https://x.lab.test/", "198.18.2.9", "direct", null, "ok", "pass", 5, phases, "d",
                        Arrays.asList("a", null, List.of(), Map.of()))),
                Arrays.asList(new Report.Remedy(null, null)), false, null));
        return new Report(1, new Report.Tool(null, null), null, 0, null, null, new Report.Host(null, null, null, null),
                new Report.Proxy("none", null, "", "", "", List.of(), List.of(), List.of()), new Report.CatalogRef(null, null, null), "fail",
                new Report.Counts(0, 0, 0, 0, 0), new Report.Findings(null, List.of(), List.of()), reqs, null, List.of(), Map.of(),
                new Environment(null, null, null, null, null, null, null, List.of(), null, List.of(), null, null, null, new Environment.Vpn(false, null),
                        null, Environment.Clock.unknown(), null, new Environment.Ipv6(false, null, null, false, null, "no global IPv6 address")));
    }

    /** {@code full()} with its first requirement repeated {@code times} (a full Tokyo run has about 80 checks). */
    static Report large(int times) {
        Report f = full();
        List<Report.Requirement> reqs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Report.Requirement q = f.requirements().get(0);
            reqs.add(new Report.Requirement(q.id() + "-" + i, q.category(), q.title(), q.protocol(), q.importance(), q.status(), q.note(), q.route(),
                    q.checks(), q.remediation(), q.filtered(), q.failStreak()));
        }
        return f.with(f.host(), f.proxy(), f.findings(), reqs, f.environment());
    }

    private static Report.Check check(String probe, Object evidence) {
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("dns", 2L);
        phases.put("tcp", 10L);
        phases.put("tls", 21L);
        // Per-phase CPU and CPU wait, as the TLS and HTTPS probes measure them on Linux (issue 16).
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpu.put("tls", 9L);
        Map<String, Long> cpuWait = new LinkedHashMap<>();
        cpuWait.put("tls", 0L);
        return new Report.Check(probe, "broker.lab.test:443", "198.18.2.7", "direct", null, "ok", "pass", 42, phases, cpu, cpuWait,
                "detail of " + probe, evidence);
    }

    /** Nulls where the JSON has no optional marker: the writer must still write them as null. */
    static Report nullParts() {
        return new Report(1, null, null, 0, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
