package dev.wscheck.probe.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.fixtures.DnsFixture;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The DNS fixture answers the same over UDP and TCP, as other tests (and dnsjava's TCP fallback)
 * rely on. Plain dnsjava queries, so that the fixture is checked independently of the probe.
 */
class DnsFixtureTest {
    static {
        System.setProperty("dnsjava.nio.selector_timeout", "100");
    }

    private static DnsFixture dns;

    record Case(String title, String name, int type, boolean tcp, int rcode, List<String> answer) {
        @Override
        public String toString() {
            return title;
        }
    }

    @BeforeAll
    static void start() {
        dns = DnsFixture.start()
                .answer("broker.wscheck.test", "203.0.113.7", "2001:db8::7")
                .cname("alias.wscheck.test", "broker.wscheck.test")
                .nodata("empty.wscheck.test")
                .servfail("broken.wscheck.test")
                .refused("refused.wscheck.test")
                .ttl(30);
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    static Stream<Case> cases() {
        return Stream.of(true, false).flatMap(tcp -> {
            String over = tcp ? " over TCP" : " over UDP";
            return Stream.of(
                    new Case("an A query gets the A record" + over, "broker.wscheck.test", Type.A, tcp, Rcode.NOERROR,
                            List.of("broker.wscheck.test 30 A 203.0.113.7")),
                    new Case("an AAAA query gets the AAAA record" + over, "Broker.WSCHECK.test", Type.AAAA, tcp, Rcode.NOERROR,
                            List.of("broker.wscheck.test 30 AAAA 2001:db8:0:0:0:0:0:7")),
                    new Case("a CNAME comes with its target's records" + over, "alias.wscheck.test", Type.A, tcp, Rcode.NOERROR,
                            List.of("alias.wscheck.test 30 CNAME broker.wscheck.test.", "broker.wscheck.test 30 A 203.0.113.7")),
                    new Case("a name without records is NODATA" + over, "empty.wscheck.test", Type.A, tcp, Rcode.NOERROR, List.of()),
                    new Case("an unknown name is NXDOMAIN" + over, "unknown.wscheck.test", Type.A, tcp, Rcode.NXDOMAIN, List.of()),
                    new Case("SERVFAIL" + over, "broken.wscheck.test", Type.A, tcp, Rcode.SERVFAIL, List.of()),
                    new Case("REFUSED" + over, "refused.wscheck.test", Type.AAAA, tcp, Rcode.REFUSED, List.of()));
        });
    }

    /** Returns a record as "owner ttl TYPE rdata", the owner in lower case without its trailing dot. */
    private static String line(Record r) {
        return r.getName().toString(true).toLowerCase(java.util.Locale.ROOT) + " " + r.getTTL() + " " + Type.string(r.getType()) + " " + r.rdataToString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answers(Case c) throws Exception {
        SimpleResolver r = new SimpleResolver(dns.address());
        r.setTCP(c.tcp());
        r.setTimeout(Duration.ofSeconds(5));
        Message response = r.send(Message.newQuery(Record.newRecord(Name.fromString(c.name(), Name.root), c.type(), DClass.IN)));
        assertEquals(Rcode.string(c.rcode()), Rcode.string(response.getRcode()));
        assertEquals(c.answer(), response.getSection(Section.ANSWER).stream().map(DnsFixtureTest::line).toList());
        assertTrue(dns.queries().contains(c.name().toLowerCase(java.util.Locale.ROOT) + " " + Type.string(c.type())), dns.queries().toString());
    }
}
