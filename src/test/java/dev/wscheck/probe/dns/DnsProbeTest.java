package dev.wscheck.probe.dns;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.engine.SharedResources;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeRegistry;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.Target;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Address;

/**
 * The DNS probe against in-process DNS servers on 127.0.0.1. The operating system's view is
 * always injected: no case touches this machine's resolver. Detail fragments may name servers as
 * {@code {ANSWERING}} etc. and a time share capped by the remaining budget as {@code {MS}}.
 */
class DnsProbeTest {
    static {
        // dnsjava reads this when its selector thread starts (the first query in this JVM).
        System.setProperty("dnsjava.nio.selector_timeout", "100");
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SHORT = Duration.ofSeconds(1);
    /** Generous: the probe must end near its budget, and the machine is shared and slow. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    /** The servers a case can name. */
    enum Server {
        /** Answers from the table in {@link #start()}; CNAME answers carry the targets' records. */
        ANSWERING,
        /** The same names, but CNAME answers stop at the alias, and without the AA flag. */
        NO_CHASE,
        /** Drops every query. */
        SILENT,
        /** A loopback port where nothing listens. */
        CLOSED,
        /** Answers like ANSWERING, but drops every AAAA query. */
        DROPS_AAAA
    }

    private static final CountDownLatch RELEASE_HANGING_OS = new CountDownLatch(1);
    private static final Map<Server, InetSocketAddress> ADDRESSES = new EnumMap<>(Server.class);
    private static DnsFixture answering;
    private static DnsFixture noChase;
    private static DnsFixture silent;
    private static DnsFixture dropsAaaa;

    @BeforeAll
    static void start() throws IOException {
        answering = DnsFixture.start();
        noChase = DnsFixture.start().chaseCnames(false).authoritative(false);
        for (DnsFixture f : List.of(answering, noChase)) {
            f.answer("broker.wscheck.test", "203.0.113.7", "2001:db8::7")
                    .answer("v6only.wscheck.test", "2001:db8::6")
                    .cname("alias.wscheck.test", "mid.wscheck.test")
                    .cname("mid.wscheck.test", "broker.wscheck.test")
                    .cname("loop-a.wscheck.test", "loop-b.wscheck.test")
                    .cname("loop-b.wscheck.test", "loop-a.wscheck.test")
                    .cname("dangling.wscheck.test", "gone.wscheck.test")
                    .nxdomain("gone.wscheck.test")
                    .nodata("empty.wscheck.test")
                    .servfail("broken.wscheck.test")
                    .refused("refused.wscheck.test")
                    .silent("quiet.wscheck.test")
                    .answer("zero.wscheck.test", "0.0.0.0")
                    .answer("this-network.wscheck.test", "0.1.2.3")
                    .answer("loopback.wscheck.test", "127.0.0.1")
                    .answer("ten.wscheck.test", "10.1.2.3")
                    .answer("rfc1918-172.wscheck.test", "172.16.5.5")
                    .answer("rfc1918-192.wscheck.test", "192.168.1.1")
                    .answer("link-local.wscheck.test", "169.254.1.1")
                    .answer("cgnat.wscheck.test", "100.64.0.1")
                    .answer("v6-unspecified.wscheck.test", "::")
                    .answer("v6-loopback.wscheck.test", "::1")
                    .answer("ula.wscheck.test", "fd00::1")
                    .answer("v6-link-local.wscheck.test", "fe80::1")
                    .answer("mixed.wscheck.test", "203.0.113.9", "10.0.0.9")
                    .answer("lab.wscheck.test", "198.18.2.20", "198.19.255.1")
                    .answer("near-misses.wscheck.test", "172.32.0.1", "100.128.0.1", "169.255.0.1", "fe00::1");
            chain(f, "sixteen", 16);
            chain(f, "seventeen", 17);
        }
        silent = DnsFixture.start().silent();
        dropsAaaa = DnsFixture.start().drop("AAAA").answer("broker.wscheck.test", "203.0.113.7", "2001:db8::7").nodata("empty.wscheck.test");
        ADDRESSES.put(Server.DROPS_AAAA, dropsAaaa.address());
        ADDRESSES.put(Server.ANSWERING, answering.address());
        ADDRESSES.put(Server.NO_CHASE, noChase.address());
        ADDRESSES.put(Server.SILENT, silent.address());
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            ADDRESSES.put(Server.CLOSED, new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort()));
        }
    }

    /** {@code <prefix>-0.wscheck.test} is the head of a chain of {@code aliases} CNAMEs ending at an address. */
    private static void chain(DnsFixture f, String prefix, int aliases) {
        for (int i = 0; i < aliases; i++) {
            f.cname(prefix + "-" + i + ".wscheck.test", prefix + "-" + (i + 1) + ".wscheck.test");
        }
        f.answer(prefix + "-" + aliases + ".wscheck.test", "203.0.113.16");
    }

    @AfterAll
    static void stop() {
        RELEASE_HANGING_OS.countDown();
        for (DnsFixture f : new DnsFixture[] {answering, noChase, silent, dropsAaaa}) {
            if (f != null) {
                f.close();
            }
        }
    }

    // ---- the table ---------------------------------------------------------------------------

    /**
     * One case. {@code os} empty means explicit servers (and the OS resolver must never be asked);
     * present means system servers with that OS view. Detail fragments may name servers as
     * {@code {ANSWERING}} etc., replaced by their {@code ip:port}.
     */
    record Case(String title, String host, List<Server> servers, Optional<OsResolver> os, Duration timeout,
            Outcome outcome, List<String> detail, Optional<String> address, BiConsumer<DnsEvidence, Lab> evidence) {
        @Override
        public String toString() {
            return title;
        }

        Case on(Server... s) {
            return new Case(title, host, List.of(s), os, timeout, outcome, detail, address, evidence);
        }

        Case os(OsResolver o) {
            return new Case(title, host, servers, Optional.of(o), timeout, outcome, detail, address, evidence);
        }

        Case timeout(Duration t) {
            return new Case(title, host, servers, os, t, outcome, detail, address, evidence);
        }

        Case expect(Outcome o, String... fragments) {
            return new Case(title, host, servers, os, timeout, o, List.of(fragments), address, evidence);
        }

        Case address(String a) {
            return new Case(title, host, servers, os, timeout, outcome, detail, Optional.of(a), evidence);
        }

        Case evidence(BiConsumer<DnsEvidence, Lab> e) {
            return new Case(title, host, servers, os, timeout, outcome, detail, address, e);
        }
    }

    /** The servers as the probe names them, and the fixtures, for evidence checks. */
    record Lab(Map<Server, InetSocketAddress> addresses, DnsFixture noChase) {
        String of(Server s) {
            return DnsProbe.display(addresses.get(s));
        }

        /** Returns a pattern finding the filled template, where {@code {MS}} stands for any number of milliseconds. */
        Pattern pattern(String template) {
            List<String> parts = new ArrayList<>();
            for (String p : fill(template).split("\\{MS}", -1)) {
                parts.add(Pattern.quote(p));
            }
            return Pattern.compile(String.join("\\d+", parts));
        }

        String fill(String template) {
            String out = template;
            for (Server s : Server.values()) {
                out = out.replace("{" + s + "}", of(s));
            }
            return out;
        }
    }

    private static Case c(String title, String host) {
        return new Case(title, host, List.of(Server.ANSWERING), Optional.empty(), TIMEOUT, Outcome.OK, List.of(), Optional.empty(), (e, lab) -> {});
    }

    private static Case sinkhole(String host, String address, String reason) {
        return c("an answer of " + address + " is a sinkhole", host)
                .expect(Outcome.DNS_SINKHOLED, "=> " + host + ": answer " + address + " is " + reason, "DNS sinkhole or internal record")
                .address(address);
    }

    private static OsResolver osSays(String... addresses) {
        return host -> {
            List<InetAddress> out = new ArrayList<>();
            for (String a : addresses) {
                out.add(Address.getByAddress(a));
            }
            return out;
        };
    }

    private static final OsResolver OS_UNKNOWN = host -> {
        throw new UnknownHostException(host + ": Name or service not known");
    };

    static Stream<Case> cases() {
        return Stream.of(
                c("an A and an AAAA answer give the first A as the address", "broker.wscheck.test")
                        .expect(Outcome.OK, "resolver {ANSWERING} (explicit) => broker.wscheck.test: A 203.0.113.7; AAAA 2001:db8:0:0:0:0:0:7")
                        .address("203.0.113.7")
                        .evidence((e, lab) -> {
                            assertEquals("broker.wscheck.test", e.name());
                            assertEquals("explicit", e.serverSource());
                            assertEquals(List.of(lab.of(Server.ANSWERING)), e.serversTried());
                            assertEquals(List.of(), e.serverFailures());
                            assertEquals(lab.of(Server.ANSWERING), e.server());
                            assertEquals("NOERROR", e.rcodeA());
                            assertEquals("NOERROR", e.rcodeAaaa());
                            assertTrue(e.authoritative());
                            assertEquals(List.of(), e.cnameChain());
                            assertEquals(List.of("203.0.113.7"), e.a());
                            assertEquals(List.of("2001:db8:0:0:0:0:0:7"), e.aaaa());
                            assertEquals(60, e.minTtlSeconds());
                            assertEquals("not asked (explicit servers)", e.osLookup());
                            assertEquals(List.of(), e.osAddresses());
                        }),
                c("an AAAA-only answer gives the first AAAA as the address", "v6only.wscheck.test")
                        .expect(Outcome.OK, "=> v6only.wscheck.test: A none; AAAA 2001:db8:0:0:0:0:0:6")
                        .address("2001:db8::6")
                        .evidence((e, lab) -> {
                            assertEquals(List.of(), e.a());
                            assertEquals(List.of("2001:db8:0:0:0:0:0:6"), e.aaaa());
                        }),
                c("a CNAME chain within one answer is followed and recorded", "alias.wscheck.test")
                        .expect(Outcome.OK, "A 203.0.113.7", "via CNAME alias.wscheck.test -> mid.wscheck.test -> broker.wscheck.test")
                        .address("203.0.113.7")
                        .evidence((e, lab) -> assertEquals(List.of("alias.wscheck.test", "mid.wscheck.test", "broker.wscheck.test"), e.cnameChain())),
                c("a CNAME chain split over several answers is followed with further queries", "alias.wscheck.test")
                        .on(Server.NO_CHASE)
                        .expect(Outcome.OK, "resolver {NO_CHASE} (explicit)", "via CNAME alias.wscheck.test -> mid.wscheck.test -> broker.wscheck.test")
                        .address("203.0.113.7")
                        .evidence((e, lab) -> {
                            assertEquals(List.of("alias.wscheck.test", "mid.wscheck.test", "broker.wscheck.test"), e.cnameChain());
                            assertFalse(e.authoritative());
                            assertTrue(lab.noChase().queries().containsAll(List.of("mid.wscheck.test A", "broker.wscheck.test A", "broker.wscheck.test AAAA")),
                                    "queries: " + lab.noChase().queries());
                        }),
                c("a chain of 16 aliases is followed to its end", "sixteen-0.wscheck.test")
                        .on(Server.NO_CHASE)
                        .expect(Outcome.OK, "A 203.0.113.16", "-> sixteen-16.wscheck.test")
                        .address("203.0.113.16")
                        .evidence((e, lab) -> assertEquals(17, e.cnameChain().size())),
                c("a chain of 17 aliases is a resolver failure", "seventeen-0.wscheck.test")
                        .expect(Outcome.DNS_SERVFAIL, "=> seventeen-0.wscheck.test: the CNAME chain is longer than 16 aliases"),
                c("a CNAME loop is a resolver failure that names the loop", "loop-a.wscheck.test")
                        .expect(Outcome.DNS_SERVFAIL, "the CNAME chain loops back to loop-a.wscheck.test (loop-a.wscheck.test -> loop-b.wscheck.test -> loop-a.wscheck.test)"),
                c("NXDOMAIN says the name does not exist", "gone.wscheck.test")
                        .expect(Outcome.DNS_NXDOMAIN, "resolver {ANSWERING} (explicit) => gone.wscheck.test: NXDOMAIN, the name does not exist")
                        .evidence((e, lab) -> {
                            assertEquals("NXDOMAIN", e.rcodeA());
                            assertEquals(lab.of(Server.ANSWERING), e.server());
                            assertEquals(List.of(), e.a());
                            assertEquals(-1, e.minTtlSeconds());
                        }),
                c("an unknown name is NXDOMAIN", "nowhere.wscheck.test")
                        .expect(Outcome.DNS_NXDOMAIN, "=> nowhere.wscheck.test: NXDOMAIN"),
                c("a CNAME to a missing name is NXDOMAIN at the end of the chain", "dangling.wscheck.test")
                        .expect(Outcome.DNS_NXDOMAIN, "NXDOMAIN for gone.wscheck.test at the end of CNAME chain dangling.wscheck.test -> gone.wscheck.test")
                        .evidence((e, lab) -> assertEquals(List.of("dangling.wscheck.test", "gone.wscheck.test"), e.cnameChain())),
                c("NOERROR without an address record is NODATA", "empty.wscheck.test")
                        .expect(Outcome.DNS_NODATA, "=> empty.wscheck.test: NOERROR but no A or AAAA record")
                        .evidence((e, lab) -> {
                            assertEquals("NOERROR", e.rcodeA());
                            assertEquals("NOERROR", e.rcodeAaaa());
                        }),
                c("SERVFAIL is reported as such", "broken.wscheck.test")
                        .expect(Outcome.DNS_SERVFAIL, "resolver {ANSWERING} (explicit) => broken.wscheck.test: SERVFAIL")
                        .evidence((e, lab) -> assertEquals("SERVFAIL", e.rcodeA())),
                c("REFUSED is reported as such", "refused.wscheck.test")
                        .expect(Outcome.DNS_REFUSED, "resolver {ANSWERING} (explicit) => refused.wscheck.test: REFUSED")
                        .evidence((e, lab) -> assertEquals("REFUSED", e.rcodeA())),
                c("a REFUSED answer from the first server ends the search", "refused.wscheck.test")
                        .on(Server.ANSWERING, Server.NO_CHASE)
                        .expect(Outcome.DNS_REFUSED, "resolver {ANSWERING} (explicit)")
                        .evidence((e, lab) -> assertEquals(List.of(lab.of(Server.ANSWERING)), e.serversTried())),
                c("a server silent for one name times out within the budget", "quiet.wscheck.test")
                        .timeout(SHORT)
                        // The fixture serves TCP on the same port: the knock after the silence finds the host up.
                        .expect(Outcome.DNS_TIMEOUT, "resolver {ANSWERING} (explicit) => quiet.wscheck.test: no answer within 1000 ms ({ANSWERING}: no answer within {MS} ms; TCP ",
                                " accepted the connection: the host is up, so its UDP DNS is dropped on the way or not served)")
                        .evidence((e, lab) -> {
                            assertEquals("", e.server());
                            assertEquals("", e.rcodeA());
                            assertEquals(List.of(lab.of(Server.ANSWERING)), e.serversTried());
                            assertEquals(1, e.serverFailures().size());
                            assertTrue(lab.pattern("{ANSWERING}: no answer within {MS} ms").matcher(e.serverFailures().get(0)).matches(), e.serverFailures().get(0));
                        }),
                c("a silent resolver while the OS answers (issue 13: a starved or lossy direct query) is not dns-inconsistent", "broker.wscheck.test")
                        .on(Server.SILENT)
                        .timeout(SHORT)
                        .os(osSays("203.0.113.7"))
                        .expect(Outcome.OK, "the direct query got no answer", "which the client uses")
                        .address("203.0.113.7"),
                c("a silent server times out within the budget", "broker.wscheck.test")
                        .on(Server.SILENT)
                        .timeout(SHORT)
                        .expect(Outcome.DNS_TIMEOUT, "resolver {SILENT} (explicit) => broker.wscheck.test: no answer within 1000 ms"),
                c("when the first server is silent the second answers, and is named", "broker.wscheck.test")
                        .on(Server.SILENT, Server.ANSWERING)
                        .expect(Outcome.OK, "resolver {ANSWERING} (explicit) => broker.wscheck.test: A 203.0.113.7",
                                "(after {SILENT}: no answer within {MS} ms)")
                        .address("203.0.113.7")
                        .evidence((e, lab) -> {
                            assertEquals(lab.of(Server.ANSWERING), e.server());
                            assertEquals(List.of(lab.of(Server.SILENT), lab.of(Server.ANSWERING)), e.serversTried());
                            assertEquals(1, e.serverFailures().size());
                            assertTrue(lab.pattern("{SILENT}: no answer within {MS} ms").matcher(e.serverFailures().get(0)).matches(), e.serverFailures().get(0));
                        }),
                c("when no server answers, every one is named with its failure", "broker.wscheck.test")
                        .on(Server.SILENT, Server.CLOSED)
                        .expect(Outcome.DNS_TIMEOUT, "resolvers {SILENT}, {CLOSED} (explicit) => broker.wscheck.test: no usable answer",
                                "{SILENT}: no answer within {MS} ms; {CLOSED}: port unreachable (ICMP)")
                        .evidence((e, lab) -> assertEquals(List.of(lab.of(Server.SILENT), lab.of(Server.CLOSED)), e.serversTried())),
                c("a resolver address answering ICMP port unreachable is dns-port-unreachable, not a timeout", "broker.wscheck.test")
                        .on(Server.CLOSED)
                        .expect(Outcome.DNS_PORT_UNREACHABLE, "resolver {CLOSED} (explicit) => broker.wscheck.test: ICMP port unreachable",
                                "{CLOSED}: port unreachable (ICMP)")
                        .evidence((e, lab) -> {
                            assertTrue(e.sends().size() >= 4, "each datagram sent is evidence: " + e.sends());
                            assertTrue(e.sends().stream().allMatch(x -> x.result().startsWith("port unreachable")), e.sends().toString());
                        }),
                c("a closed port passes the question to the next server", "broker.wscheck.test")
                        .on(Server.CLOSED, Server.ANSWERING)
                        .expect(Outcome.OK, "resolver {ANSWERING} (explicit)", "(after {CLOSED}: ")
                        .address("203.0.113.7")
                        .evidence((e, lab) -> assertEquals(lab.of(Server.ANSWERING), e.server())),
                c("a server that drops AAAA queries still gives its A answer, after waiting its share", "broker.wscheck.test")
                        .on(Server.DROPS_AAAA)
                        .timeout(SHORT)
                        .expect(Outcome.OK, "resolver {DROPS_AAAA} (explicit) => broker.wscheck.test: A 203.0.113.7; AAAA none")
                        .address("203.0.113.7")
                        .evidence((e, lab) -> {
                            assertEquals("NOERROR", e.rcodeA());
                            assertEquals("no answer", e.rcodeAaaa());
                            assertEquals(List.of(), e.aaaa());
                        }),
                c("an A NODATA answer counts even when AAAA goes unanswered", "empty.wscheck.test")
                        .on(Server.DROPS_AAAA, Server.ANSWERING)
                        .timeout(SHORT)
                        .expect(Outcome.DNS_NODATA, "resolver {DROPS_AAAA} (explicit) => empty.wscheck.test: NOERROR but no A or AAAA record")
                        .evidence((e, lab) -> assertEquals(List.of(lab.of(Server.DROPS_AAAA)), e.serversTried())),
                sinkhole("zero.wscheck.test", "0.0.0.0", "the unspecified address"),
                sinkhole("this-network.wscheck.test", "0.1.2.3", "in 0.0.0.0/8"),
                sinkhole("loopback.wscheck.test", "127.0.0.1", "loopback (127.0.0.0/8)"),
                sinkhole("ten.wscheck.test", "10.1.2.3", "private (RFC 1918, 10.0.0.0/8)"),
                sinkhole("rfc1918-172.wscheck.test", "172.16.5.5", "private (RFC 1918, 172.16.0.0/12)"),
                sinkhole("rfc1918-192.wscheck.test", "192.168.1.1", "private (RFC 1918, 192.168.0.0/16)"),
                sinkhole("link-local.wscheck.test", "169.254.1.1", "link-local (169.254.0.0/16)"),
                sinkhole("cgnat.wscheck.test", "100.64.0.1", "shared carrier-grade NAT space (100.64.0.0/10)"),
                sinkhole("v6-unspecified.wscheck.test", "0:0:0:0:0:0:0:0", "the unspecified address"),
                sinkhole("v6-loopback.wscheck.test", "0:0:0:0:0:0:0:1", "loopback (::1)"),
                sinkhole("ula.wscheck.test", "fd00:0:0:0:0:0:0:1", "unique local (fc00::/7)"),
                sinkhole("v6-link-local.wscheck.test", "fe80:0:0:0:0:0:0:1", "link-local (fe80::/10)"),
                c("one private address among public ones is a sinkhole, and is named", "mixed.wscheck.test")
                        .expect(Outcome.DNS_SINKHOLED, "answer 10.0.0.9 is private")
                        .address("203.0.113.9")
                        .evidence((e, lab) -> assertEquals(List.of("203.0.113.9", "10.0.0.9"), e.a())),
                c("198.18.0.0/15 is the test lab's range, not a sinkhole", "lab.wscheck.test")
                        .expect(Outcome.OK, "A 198.18.2.20, 198.19.255.1")
                        .address("198.18.2.20"),
                c("addresses just outside the sinkhole ranges are accepted", "near-misses.wscheck.test")
                        .expect(Outcome.OK, "A 172.32.0.1, 100.128.0.1, 169.255.0.1; AAAA fe00:0:0:0:0:0:0:1")
                        .address("172.32.0.1"),
                c("an empty server list is a timeout saying no resolver is configured", "broker.wscheck.test")
                        .on()
                        .expect(Outcome.DNS_TIMEOUT, "no DNS resolver is configured (explicit) => broker.wscheck.test: no server to ask")
                        .evidence((e, lab) -> assertEquals(List.of(), e.serversTried())),
                c("no configured resolver and an OS that cannot resolve either stays a timeout", "broker.wscheck.test")
                        .on()
                        .os(OS_UNKNOWN)
                        .expect(Outcome.DNS_TIMEOUT, "no DNS resolver is configured (system) => broker.wscheck.test: no server to ask"),
                c("no direct answer while the OS resolves is not a disagreement: the OS's addresses are checked", "broker.wscheck.test")
                        .on()
                        .os(osSays("203.0.113.50"))
                        .expect(Outcome.OK, "no DNS resolver is configured (system) => broker.wscheck.test: the direct query got no answer (no server to ask), "
                                + "but the operating system's resolver returns 203.0.113.50, which the client uses")
                        .address("203.0.113.50"),
                c("an OS view disjoint from the DNS answer is inconsistent and names both", "broker.wscheck.test")
                        .os(osSays("10.9.9.9"))
                        .expect(Outcome.DNS_INCONSISTENT, "resolver {ANSWERING} (system) => broker.wscheck.test: the direct query answers 203.0.113.7, 2001:db8:0:0:0:0:0:7, "
                                + "but the operating system's resolver returns 10.9.9.9 (hosts file, VPN split DNS or NRPT?)")
                        .address("203.0.113.7")
                        .evidence((e, lab) -> {
                            assertEquals("system", e.serverSource());
                            assertEquals("ok", e.osLookup());
                            assertEquals(List.of("10.9.9.9"), e.osAddresses());
                            assertEquals(List.of("203.0.113.7"), e.a());
                        }),
                c("an OS view sharing the A address is consistent", "broker.wscheck.test")
                        .os(osSays("203.0.113.7"))
                        .expect(Outcome.OK, "resolver {ANSWERING} (system) => broker.wscheck.test: A 203.0.113.7")
                        .address("203.0.113.7")
                        .evidence((e, lab) -> {
                            assertEquals("ok", e.osLookup());
                            assertEquals(List.of("203.0.113.7"), e.osAddresses());
                        }),
                c("an OS view sharing only the AAAA address is consistent", "broker.wscheck.test")
                        .os(osSays("2001:db8::7", "10.9.9.9"))
                        .expect(Outcome.OK, "A 203.0.113.7")
                        .address("203.0.113.7"),
                c("an OS that cannot resolve a name DNS answers is inconsistent", "broker.wscheck.test")
                        .os(OS_UNKNOWN)
                        .expect(Outcome.DNS_INCONSISTENT, "the direct query answers 203.0.113.7",
                                "but the operating system's resolver does not resolve it (unknown host: broker.wscheck.test: Name or service not known)")
                        .address("203.0.113.7"),
                c("an OS resolver that timed out (EAI_AGAIN) proves nothing: not inconsistent", "broker.wscheck.test")
                        .os(host -> {
                            throw new UnknownHostException(host + ": Temporary failure in name resolution");
                        })
                        .expect(Outcome.OK, "A 203.0.113.7")
                        .address("203.0.113.7")
                        .evidence((e, lab) -> assertTrue(e.osLookup().startsWith("no answer: "), e.osLookup())),
                c("NXDOMAIN while the OS resolves is inconsistent", "gone.wscheck.test")
                        .os(osSays("203.0.113.60"))
                        .expect(Outcome.DNS_INCONSISTENT, "resolver {ANSWERING} (system) => gone.wscheck.test: the direct query: NXDOMAIN, the name does not exist, "
                                + "but the operating system's resolver returns 203.0.113.60")
                        .address("203.0.113.60")
                        .evidence((e, lab) -> assertEquals("NXDOMAIN", e.rcodeA())),
                c("NXDOMAIN and an OS that cannot resolve agree", "gone.wscheck.test")
                        .os(OS_UNKNOWN)
                        .expect(Outcome.DNS_NXDOMAIN, "resolver {ANSWERING} (system) => gone.wscheck.test: NXDOMAIN"),
                c("an OS lookup that does not finish within the budget proves nothing", "broker.wscheck.test")
                        .timeout(SHORT)
                        .os(host -> {
                            try {
                                RELEASE_HANGING_OS.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            throw new UnknownHostException("released");
                        })
                        .expect(Outcome.OK, "A 203.0.113.7")
                        .address("203.0.113.7")
                        .evidence((e, lab) -> assertEquals("no answer within 1000 ms", e.osLookup())),
                c("an OS lookup that fails otherwise proves nothing", "broker.wscheck.test")
                        .os(host -> {
                            throw new IOException("resolver library missing");
                        })
                        .expect(Outcome.OK, "A 203.0.113.7")
                        .address("203.0.113.7")
                        .evidence((e, lab) -> assertTrue(e.osLookup().startsWith("failed (") && e.osLookup().contains("resolver library missing"), e.osLookup())),
                c("a sinkholed answer the OS agrees with stays a sinkhole", "loopback.wscheck.test")
                        .os(osSays("127.0.0.1"))
                        .expect(Outcome.DNS_SINKHOLED, "answer 127.0.0.1 is loopback")
                        .address("127.0.0.1"),
                c("an IP address target needs no query", "203.0.113.7")
                        .on(Server.SILENT)
                        .timeout(SHORT)
                        .expect(Outcome.OK, "dns => 203.0.113.7: an IP address, nothing to resolve")
                        .address("203.0.113.7")
                        .evidence((e, lab) -> assertEquals(List.of(), e.serversTried())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void probe(Case c) throws IOException {
        Lab lab = new Lab(ADDRESSES, noChase);
        List<InetSocketAddress> servers = c.servers().stream().map(ADDRESSES::get).toList();
        AtomicInteger osCalls = new AtomicInteger();
        OsResolver os = host -> {
            osCalls.incrementAndGet();
            return c.os().orElseThrow(() -> new AssertionError("the OS resolver was asked although the servers are explicit")).resolve(host);
        };
        String source = c.os().isPresent() ? "system" : "explicit";
        ProbeResult r;
        long t0 = System.nanoTime();
        try (SharedResources resources = new SharedResources(new DnsServers(servers, source), new TrustSettings(List.of(), List.of(), "test"), 1, Duration.ZERO, false)) {
            ProbeContext ctx = new ProbeContext(c.timeout(), Optional.empty(), DirectTransport.INSTANCE, resources);
            r = new DnsProbe(os).run(new CheckSpec(ProbeKind.DNS, Target.parse("https://" + c.host() + "/")), ctx);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        String detail = r.detail();
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(c.outcome(), r.outcome(), detail));
        for (String fragment : c.detail()) {
            Pattern want = lab.pattern(fragment);
            checks.add(() -> assertTrue(want.matcher(detail).find(), "detail '" + detail + "' lacks '" + lab.fill(fragment) + "'"));
        }
        checks.add(() -> assertEquals(c.address().map(DnsProbeTest::literal), r.address(), detail));
        checks.add(() -> assertTrue(took.compareTo(c.timeout().plus(SLACK)) < 0, "took " + took.toMillis() + " ms"));
        // The OS is asked exactly once with system servers, and never with explicit ones.
        checks.add(() -> assertEquals(c.os().isPresent() ? 1 : 0, osCalls.get(), "OS resolver calls"));
        checks.add(() -> {
            DnsEvidence e = assertInstanceOf(DnsEvidence.class, r.evidence().orElseThrow(), detail);
            c.evidence().accept(e, lab);
        });
        if (r.outcome() == Outcome.OK && !c.host().equals("203.0.113.7")) {
            checks.add(() -> assertFalse(r.phases().get(Phase.DNS).isZero(), "DNS phase timed"));
        }
        assertAll(c.title(), checks);
    }

    private static InetAddress literal(String ip) {
        try {
            return Address.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    /** One lost datagram (or three) costs a re-send, never a dns-timeout; each send is in the evidence. */
    @ParameterizedTest(name = "{0} lost datagrams within a 3 s timeout still give an answer")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3})
    void lostDatagramsAreResent(int lost) throws IOException {
        try (DnsFixture lossy = DnsFixture.start().answer("broker.wscheck.test", "203.0.113.7").dropNext(lost);
                SharedResources resources = new SharedResources(new DnsServers(List.of(lossy.address()), "explicit"),
                        new TrustSettings(List.of(), List.of(), "test"), 1, Duration.ZERO, false)) {
            ProbeContext ctx = new ProbeContext(Duration.ofSeconds(3), Optional.empty(), DirectTransport.INSTANCE, resources);
            ProbeResult r = new DnsProbe(host -> List.of()).run(new CheckSpec(ProbeKind.DNS, Target.parse("https://broker.wscheck.test/")), ctx);
            assertEquals(Outcome.OK, r.outcome(), r.detail());
            DnsEvidence e = assertInstanceOf(DnsEvidence.class, r.evidence().orElseThrow());
            assertTrue(e.sends().size() > 2, "re-sends recorded: " + e.sends());
            assertTrue(e.sends().stream().anyMatch(x -> x.result().equals("no answer")), e.sends().toString());
            assertTrue(e.sends().stream().anyMatch(x -> x.result().startsWith("NOERROR after")), e.sends().toString());
            assertFalse(e.stub().isEmpty());
        }
    }

    @Test
    void theStandardRegistryRunsThisProbeForDnsChecks() {
        assertInstanceOf(DnsProbe.class, ProbeRegistry.standard().get(ProbeKind.DNS));
    }
}
