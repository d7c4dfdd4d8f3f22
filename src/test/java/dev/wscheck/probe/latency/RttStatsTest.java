package dev.wscheck.probe.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The statistics on series recorded in the lab and by hand: median, p95, jitter, loss. */
class RttStatsTest {
    record Case(String name, List<Double> samples, int sent, RttStats expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no samples: zeros, and nothing sent is no loss", List.of(), 0, new RttStats(0, 0, 0, 0, 0, 0, 0, 0)),
                new Case("every sample lost: 100 % loss, zeros elsewhere", List.of(), 10, new RttStats(0, 0, 0, 0, 0, 10, 0, 100)),
                new Case("one sample: it is min, median, p95 and max; no jitter", List.of(5.0), 1, new RttStats(5, 5, 5, 5, 0, 1, 1, 0)),
                new Case("an odd count: the middle value is the median", List.of(3.0, 1.0, 2.0), 3,
                        // |D| = 2, then 1: J = 2 + (1 - 2)/16
                        new RttStats(1, 2, 3, 3, 1.938, 3, 3, 0)),
                new Case("an even count: the mean of the two middle values", List.of(4.0, 1.0, 3.0, 2.0), 4,
                        // |D| = 3, 2, 1: J = 3; 3 + (2-3)/16 = 2.9375; 2.9375 + (1-2.9375)/16 = 2.816
                        new RttStats(1, 2.5, 4, 4, 2.816, 4, 4, 0)),
                new Case("a steady series: zero jitter", List.of(10.0, 10.0, 10.0, 10.0), 4, new RttStats(10, 10, 10, 10, 0, 4, 4, 0)),
                new Case("lab, delay 150 ms, ten connects: median and p95 near 150, jitter well under a millisecond",
                        List.of(150.412, 150.388, 150.905, 150.377, 150.401, 150.52, 150.366, 150.391, 150.44, 150.383), 10,
                        new RttStats(150.366, 150.396, 150.905, 150.905, 0.08, 10, 10, 0)),
                new Case("lab, 30 % loss: a lost SYN costs the 1 s retransmission, which shows in p95 and jitter, not in the median",
                        List.of(22.1, 22.3, 1022.4, 22.0, 22.2, 1022.6, 22.4, 22.1, 22.3, 22.2), 10,
                        new RttStats(22.0, 22.25, 1022.6, 1022.6, 182.206, 10, 10, 0)),
                new Case("two of twenty datagrams lost: 10 % loss; p95 is rank 18 of the sorted 18 (nearest rank)",
                        List.of(60.0, 61.0, 60.5, 60.2, 60.1, 60.9, 60.3, 60.0, 60.4, 60.8, 60.2, 60.6, 60.1, 60.7, 60.3, 60.2, 60.4, 65.0), 20,
                        new RttStats(60.0, 60.35, 65.0, 65.0, 0.876, 20, 18, 10)),
                new Case("p95 of 40 samples is rank 38: the two largest outliers are left out",
                        Stream.concat(Stream.generate(() -> 10.0).limit(38), Stream.of(500.0, 900.0)).toList(), 40,
                        new RttStats(10, 10, 10, 900, 53.711, 40, 40, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void summarisesRecordedSeries(Case c) {
        assertEquals(c.expected(), RttStats.of(c.samples(), c.sent()));
    }
}
