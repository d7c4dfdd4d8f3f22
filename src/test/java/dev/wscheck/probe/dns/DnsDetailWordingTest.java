package dev.wscheck.probe.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.engine.SharedResources;
import dev.wscheck.fixtures.UdpFixture;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.Target;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * The DNS detail says what happened: silence is "no answer within N ms"; a garbage reply that
 * failed at once is not silence; a truncated UDP answer names the TC bit and the TCP retry.
 */
class DnsDetailWordingTest {
    private static final Duration TIMEOUT = Duration.ofMillis(3000);

    record Case(String name, Function<byte[], Optional<byte[]>> server, List<String> says, List<String> neverSays, boolean fast) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A reply with the query's id and the answer bit, then bytes that are no DNS message. */
    private static Optional<byte[]> garbage(byte[] query) {
        byte[] out = Arrays.copyOf(query, 40);
        out[2] = (byte) 0x81;
        out[3] = (byte) 0x80;
        out[7] = 9; // nine answers announced, none there
        Arrays.fill(out, 12, 40, (byte) 0xC0);
        return Optional.of(out);
    }

    /** A well-formed reply with the TC bit set and no records: the client must ask over TCP. */
    private static Optional<byte[]> truncated(byte[] query) {
        try {
            Message q = new Message(query);
            Message r = new Message(q.getHeader().getID());
            r.getHeader().setFlag(Flags.QR);
            r.getHeader().setFlag(Flags.TC);
            r.addRecord(q.getQuestion(), Section.QUESTION);
            return Optional.of(r.toWire());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a garbage reply is an unusable answer, not silence", DnsDetailWordingTest::garbage,
                        List.of("no usable answer", "unusable answer"), List.of("no answer within 3000 ms"), true),
                new Case("a truncated answer whose TCP retry is refused names the TC bit and the retry", DnsDetailWordingTest::truncated,
                        List.of("truncated (TC bit set)", "retry over TCP failed"), List.of("no answer within 3000 ms"), true),
                new Case("silence is still said as silence", q -> Optional.empty(), List.of("no answer within 3000 ms"), List.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theDetailSaysWhatHappened(Case c) {
        try (UdpFixture server = UdpFixture.responding(c.server())) {
            InetSocketAddress at = new InetSocketAddress("127.0.0.1", server.port());
            ProbeResult r;
            long t0 = System.nanoTime();
            try (SharedResources res = new SharedResources(new DnsServers(List.of(at), "explicit"), new TrustSettings(List.of(), List.of(), "test"), 1,
                    Duration.ZERO, true)) {
                r = new DnsProbe().run(new CheckSpec(ProbeKind.DNS, Target.parse("https://broker.wscheck.test/")),
                        new ProbeContext(TIMEOUT, Optional.empty(), DirectTransport.INSTANCE, res));
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Outcome.DNS_TIMEOUT, r.outcome(), r.detail());
            for (String s : c.says()) {
                assertTrue(r.detail().contains(s), "'" + r.detail() + "' lacks '" + s + "'");
            }
            for (String s : c.neverSays()) {
                assertFalse(r.detail().contains(s), "'" + r.detail() + "' says '" + s + "'");
            }
            if (c.fast()) {
                assertTrue(ms < 2500, "failed at once, in " + ms + " ms");
            }
        }
    }
}
