package dev.wscheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Network quality in the lab (docs/network-quality.md): a real {@code wscheck reflector} in the
 * lab's internet namespace (198.18.2.30), loss and delay imposed by the NFQUEUE delayer, and
 * three lab "regions" (198.18.2.21-23) with different delays for {@code wscheck regions}.
 * Runs only as root with the lab's packages, like LabScenarioIT.
 */
@Tag("lab")
class QualityLabIT {
    static final String KEY = "lab reflector key, not a secret of anything";
    static final String REFLECTOR = "198.18.2.30";
    static final ObjectMapper JSON = new ObjectMapper();

    static boolean locked;
    static String labCa;
    static Process reflector;
    static Path reflectorLog;

    @BeforeAll
    static void labUp() throws Exception {
        Optional<String> why = Lab.whyNot();
        if (why.isPresent()) {
            System.err.println("wscheck quality lab cases skipped: " + why.get());
            Assumptions.abort(why.get());
        }
        locked = Lab.lock(600);
        if (!locked) {
            System.err.println("wscheck quality lab cases skipped: the lab is in use (/tmp/wscheck-lab.owner exists)");
            Assumptions.abort("the lab is in use");
        }
        Lab.Result up = Lab.lab("up");
        assertEquals(0, up.exit(), "scripts/lab up failed:\n" + up.out() + up.err());
        labCa = Lab.lab("ca", "--lab").out().trim();
        reflectorLog = Files.createTempFile("wscheck-reflector-", ".log");
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", "wscl-inet", "java", "-jar", Lab.JAR.toString(), "reflector",
                "--listen", REFLECTOR).redirectErrorStream(true).redirectOutput(reflectorLog.toFile());
        pb.environment().put("WSCHECK_REFLECTOR_KEY", KEY);
        reflector = pb.start();
        for (int i = 0; i < 300 && !Files.readString(reflectorLog).contains("listening on"); i++) {
            assertTrue(reflector.isAlive(), "the reflector exited: " + Files.readString(reflectorLog));
            Thread.sleep(100);
        }
        assertTrue(Files.readString(reflectorLog).contains("listening on"), Files.readString(reflectorLog));
    }

    @AfterAll
    static void labDown() throws Exception {
        if (reflector != null) {
            reflector.destroy();
            reflector.waitFor(10, TimeUnit.SECONDS);
            System.err.println("reflector log:\n" + Files.readString(reflectorLog));
            Files.deleteIfExists(reflectorLog);
        }
        if (locked) {
            try {
                Lab.Result down = Lab.lab("down");
                assertEquals(0, down.exit(), "scripts/lab down failed:\n" + down.out() + down.err());
            } finally {
                Lab.unlock();
            }
        }
    }

    static void scenario(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("scenario"));
        a.addAll(List.of(args));
        Lab.Result r = Lab.lab(a.toArray(new String[0]));
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    static JsonNode check(String key, String reflectorArg, int samples) throws Exception {
        Lab.Result r = Lab.wscheck(List.of("WSCHECK_REFLECTOR_KEY=" + key), List.of("check", "--region", "ap-northeast-1", "--format", "json",
                "--trust", labCa, "--public-roots", labCa, "--timeout", "3000ms", "--samples", "5", "--only", "streaming",
                "--reflector", reflectorArg, "--reflector-samples", Integer.toString(samples)));
        assertTrue(r.exit() <= 2, r.err());
        return JSON.readTree(r.out());
    }

    static JsonNode reflectorCheck(JsonNode report, String requirement, String transport) {
        for (JsonNode q : report.path("requirements")) {
            if (q.path("id").asText().equals(requirement)) {
                for (JsonNode c : q.path("checks")) {
                    if (c.path("probe").asText().equals("reflector") && c.path("target").asText().endsWith("/" + transport)) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no reflector " + transport + " check in " + requirement + ": " + report);
    }

    @Test
    void sixtyMillisecondsWithFivePercentUdpLossIsMeasuredByTheReflector() throws Exception {
        scenario("udp-loss", "60", "5");
        int sent = 0;
        int received = 0;
        List<Double> medians = new ArrayList<>();
        // Three runs of 200 datagrams: 600 in all, so 5 % loss is measured within ±3 % at about 3.4 standard deviations.
        for (int run = 0; run < 3; run++) {
            JsonNode report = check(KEY, REFLECTOR + ":4172", 200);
            JsonNode udp = reflectorCheck(report, "pcoip-streaming-udp", "udp");
            assertTrue(List.of("ok", "loss-high", "jitter-high").contains(udp.path("outcome").asText()), udp.toPrettyString());
            JsonNode ev = udp.path("evidence");
            sent += ev.path("sent").asInt();
            received += ev.path("received").asInt();
            medians.add(ev.path("rttMs").path("median").asDouble());
            assertTrue(ev.path("largestDatagram").asInt() >= 1200, ev.toPrettyString());
            JsonNode tcp = reflectorCheck(report, "pcoip-streaming-udp", "tcp");
            double tcpMedian = tcp.path("evidence").path("rttMs").path("median").asDouble();
            // TCP is a sanity bound only: on a busy 2-core machine the reflector's JVM adds its own scheduling delay.
            assertTrue(tcpMedian >= 55 && tcpMedian <= 150, "TCP round trip about 60 ms: " + tcp.toPrettyString());
        }
        double loss = (sent - received) * 100.0 / sent;
        System.err.printf("udp-loss 60 5: reflector lost %d of %d datagrams (%.2f %%), medians %s ms%n", sent - received, sent, loss, medians);
        assertTrue(loss >= 2 && loss <= 8, "loss " + loss + " % should be 5 ± 3 %");
        for (double m : medians) {
            assertTrue(m >= 48 && m <= 72, "median " + m + " ms should be 60 ms ± 20 %");
        }
    }

    @Test
    void aWrongKeyGetsNothingBack() throws Exception {
        scenario("clean");
        JsonNode report = check("another key, not the reflector's", REFLECTOR, 20);
        assertEquals("udp-no-reply", reflectorCheck(report, "pcoip-streaming-udp", "udp").path("outcome").asText());
        assertEquals(0, reflectorCheck(report, "pcoip-streaming-udp", "udp").path("evidence").path("received").asInt());
        assertEquals("reflector-silent", reflectorCheck(report, "pcoip-streaming-udp", "tcp").path("outcome").asText());
        assertEquals("udp-no-reply", reflectorCheck(report, "dcv-streaming-udp", "udp").path("outcome").asText());
        JsonNode right = check(KEY, REFLECTOR, 20);
        assertEquals("ok", reflectorCheck(right, "pcoip-streaming-udp", "udp").path("outcome").asText(), "the right key is answered");
    }

    @Test
    void aCraftedLargerRequestNeverGetsALargerReply() throws Exception {
        scenario("clean");
        // From the client: signed probes of several sizes, each followed by the same probe with bytes appended
        // (larger, so no longer valid), a 3000-byte datagram and garbage; every reply length is printed.
        String py = String.join("\n",
                "import hmac, hashlib, os, socket, struct, time",
                "key = os.environ['K'].encode()",
                "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.5)",
                "s.connect(('" + REFLECTOR + "', 4172))",
                "def probe(seq, size):",
                "    body = b'WSR1' + bytes([1, 0, 0, 0]) + struct.pack('>QIQ', 77, seq, int(time.time() * 1000))",
                "    body += bytes(size - 16 - len(body))",
                "    return body + hmac.new(key, body, hashlib.sha256).digest()[:16]",
                "def send(m):",
                "    s.send(m)",
                "    try:",
                "        r = s.recv(65535)",
                "        print(len(m), len(r))",
                "    except socket.timeout:",
                "        print(len(m), 0)",
                "seq = 0",
                "for size in (44, 200, 1200, 1472):",
                "    m = probe(seq, size); seq += 1",
                "    send(m)",
                "    send(probe(seq, size) + b'x' * 500); seq += 1",
                "send(bytes(3000))",
                "send(b'\\x00' * 44)",
                "");
        Path script = Files.createTempFile("wscheck-crafted-", ".py");
        try {
            Files.writeString(script, py);
            Lab.Result r = Lab.wscheckEnvCommand(List.of("K=" + KEY), List.of("python3", script.toString()));
            assertEquals(0, r.exit(), r.err());
            int answered = 0;
            for (String line : r.out().strip().split("\n")) {
                String[] f = line.trim().split(" ");
                int sentBytes = Integer.parseInt(f[0]);
                int got = Integer.parseInt(f[1]);
                assertTrue(got <= sentBytes, "a " + sentBytes + "-byte request got " + got + " bytes");
                if (got > 0) {
                    answered++;
                    assertEquals(sentBytes, got, "a signed probe gets an echo of its own size");
                }
            }
            assertEquals(4, answered, "exactly the four valid probes were answered: " + r.out());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void regionsWithDifferentDelaysAreRankedInDelayOrder() throws Exception {
        scenario("region-delays", "80", "160", "240");
        Path catalog = Files.createTempFile("wscheck-lab-regions-", ".yaml");
        try {
            StringBuilder regions = new StringBuilder();
            String[][] rs = {{"lab-slow", "198.18.2.23"}, {"lab-fast", "198.18.2.21"}, {"lab-mid", "198.18.2.22"}};
            for (String[] r : rs) {
                regions.append("  ").append(r[0]).append(":\n    name: \"").append(r[0]).append("\"\n    source: T\n    healthCheck: {host: \"")
                        .append(r[1]).append("\"}\n");
            }
            Files.writeString(catalog, """
                    schemaVersion: 1
                    version: "lab"
                    expectPrivateAddresses: true
                    sources:
                      T: {title: "lab", url: "https://example.invalid/", date: "2026-12-02"}
                    protocols:
                      pcoip: {title: PCoIP, latency: {high: 100ms, critical: 375ms}, source: T}
                      dcv: {title: DCV, latency: {high: 250ms, critical: 400ms}, source: T}
                    publicRoots:
                      - {name: "placeholder", spkiSha256: "0000000000000000000000000000000000000000000000000000000000000000"}
                    requirements:
                      - {id: ws-broker, category: broker, title: "Ping", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://ws-broker-service.ap-northeast-1.amazonaws.com/ping"], source: T}
                      - {id: pcoip-latency, category: streaming, title: "PCoIP RTT", protocol: pcoip, proxy: never, probes: [dns, latency], endpoints: ["tcp://{healthCheckHost}:4172"], source: T}
                      - {id: dcv-latency, category: streaming, title: "DCV RTT", protocol: dcv, proxy: never, probes: [dns, latency], endpoints: ["tcp://{healthCheckHost}:4195"], source: T}
                    regions:
                    """ + regions);
            long t0 = System.nanoTime();
            Lab.Result r = Lab.wscheck(List.of(), List.of("regions", "--catalog", catalog.toString(), "--format", "json", "--samples", "10",
                    "--trust", labCa, "--public-roots", labCa, "--timeout", "3s", "--proxy", "none"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(0, r.exit(), r.err());
            JsonNode list = JSON.readTree(r.out()).path("regions");
            System.err.println("region-delays 80 160 240: wscheck regions took " + seconds + " s: " + list);
            assertEquals(List.of("lab-fast", "lab-mid", "lab-slow"),
                    List.of(list.get(0).path("region").asText(), list.get(1).path("region").asText(), list.get(2).path("region").asText()));
            double[] imposed = {80, 160, 240};
            for (int i = 0; i < 3; i++) {
                double median = list.get(i).path("rttMs").path("median").asDouble();
                assertEquals(i + 1, list.get(i).path("rank").asInt());
                assertTrue(median >= imposed[i] * 0.8 && median <= imposed[i] * 1.2, list.get(i) + ": median within ±20 % of " + imposed[i]);
            }
            assertEquals("pass", list.get(0).path("status").path("dcv").asText(), "80 ms is within DCV's 250 ms");
            assertEquals("warn", list.get(2).path("status").path("pcoip").asText(), "240 ms is above PCoIP's 100 ms");
        } finally {
            Files.deleteIfExists(catalog);
        }
    }
}
