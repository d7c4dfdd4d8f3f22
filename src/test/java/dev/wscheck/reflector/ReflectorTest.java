package dev.wscheck.reflector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reflector on loopback sockets: each safety property seen from the network. */
class ReflectorTest {
    static final byte[] KEY = ResponderTest.KEY;
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final ReflectorLimits LIMITS = new ReflectorLimits(Duration.ofSeconds(60), 100, 250, 1000, 1000, 6, 3,
            Duration.ofMillis(500), Duration.ofSeconds(5));

    Reflector reflector;
    int port;

    @BeforeEach
    void start() throws IOException {
        reflector = Reflector.start(LOOPBACK, List.of(0), List.of(0), KEY, LIMITS, Clock.systemUTC(), s -> {});
        port = reflector.udpPorts().get(0);
        assertEquals(port, reflector.tcpPorts().get(0), "port 0 in both lists binds one number for UDP and TCP");
    }

    @AfterEach
    void stop() {
        reflector.close();
    }

    static long now() {
        return System.currentTimeMillis();
    }

    /** Sends one datagram and returns what came back within 300 ms. */
    Optional<byte[]> udp(byte[] m) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(300);
            s.send(new DatagramPacket(m, m.length, LOOPBACK, port));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
                return Optional.of(java.util.Arrays.copyOf(buf, p.getLength()));
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
        }
    }

    record Sized(String name, int size) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Sized> sizes() {
        return Stream.of(new Sized("44 bytes", 44), new Sized("100 bytes", 100), new Sized("576 bytes", 576), new Sized("1200 bytes", 1200),
                new Sized("1472 bytes", 1472));
    }

    @ParameterizedTest(name = "a signed probe of {0} gets an echo of exactly its size, over UDP and TCP")
    @MethodSource("sizes")
    void echoesSignedProbesAtTheirOwnSize(Sized c) throws IOException {
        Optional<byte[]> r = udp(Wire.encode(KEY, Wire.PROBE, 1, 0, now(), c.size()));
        assertTrue(r.isPresent(), "UDP answered");
        assertEquals(c.size(), r.get().length);
        assertEquals(Wire.ECHO, Wire.parse(KEY, r.get(), r.get().length).orElseThrow().kind());
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(1000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int seq = 0; seq < 3; seq++) {
                byte[] m = Wire.encode(KEY, Wire.PROBE, 2, seq, now(), c.size());
                out.writeShort(m.length);
                out.write(m);
                out.flush();
                int len = in.readUnsignedShort();
                assertEquals(c.size(), len, "TCP echo size");
                byte[] echo = new byte[len];
                in.readFully(echo);
                assertEquals(seq, Wire.parse(KEY, echo, len).orElseThrow().sequence());
            }
        }
    }

    record Silent(String name, byte[] datagram) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Silent> silent() {
        long now = now();
        byte[] bigSigned = new byte[1473];
        return Stream.of(
                new Silent("a probe signed with the wrong key", Wire.encode(ResponderTest.OTHER_KEY, Wire.PROBE, 3, 0, now, 200)),
                new Silent("a stale probe (two minutes old)", Wire.encode(KEY, Wire.PROBE, 3, 1, now - 120_000, 200)),
                new Silent("a 1473-byte datagram (one over the largest message)", bigSigned),
                new Silent("a 9000-byte datagram of zeros", new byte[9000]),
                new Silent("an empty datagram", new byte[0]),
                new Silent("a QUIC-looking 1200-byte datagram", quicLike()));
    }

    private static byte[] quicLike() {
        byte[] b = new byte[1200];
        b[0] = (byte) 0xC3;
        b[4] = 0x1a;
        return b;
    }

    @ParameterizedTest(name = "UDP silence for {0}")
    @MethodSource("silent")
    void answersNothingElse(Silent c) throws IOException {
        assertEquals(Optional.empty(), udp(c.datagram()).map(b -> b.length));
    }

    @Test
    void aCapturedProbeSentAgainGetsNothing() throws IOException {
        byte[] m = Wire.encode(KEY, Wire.PROBE, 4, 0, now(), 100);
        assertTrue(udp(m.clone()).isPresent());
        assertTrue(udp(m.clone()).isEmpty(), "the replay");
    }

    @Test
    void noDatagramSizeGetsALargerReply() throws IOException {
        // Every size from nothing to beyond the largest message, signed where it can be, garbage where not.
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(100);
            int answered = 0;
            for (int size = 0; size <= 1600; size += 37) {
                byte[] m = size >= Wire.MIN_SIZE && size <= Wire.MAX_SIZE ? Wire.encode(KEY, Wire.PROBE, 5, size, now(), size) : new byte[size];
                s.send(new DatagramPacket(m, m.length, LOOPBACK, port));
                byte[] buf = new byte[65535];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(p);
                    assertTrue(p.getLength() <= size, "a " + size + "-byte request got " + p.getLength() + " bytes");
                    answered++;
                } catch (SocketTimeoutException e) {
                    // silence is never larger
                }
            }
            assertTrue(answered > 30, "the signed sizes were answered: " + answered);
        }
    }

    @Test
    void aFloodFromOneSourceIsRateLimited() throws IOException, InterruptedException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setReceiveBufferSize(1 << 20);
            long t0 = System.nanoTime();
            for (int i = 0; i < 1500; i++) {
                byte[] m = Wire.encode(KEY, Wire.PROBE, 6, i, now(), 64);
                s.send(new DatagramPacket(m, m.length, LOOPBACK, port));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            s.setSoTimeout(300);
            int got = 0;
            try {
                while (true) {
                    s.receive(new DatagramPacket(new byte[2048], 2048));
                    got++;
                }
            } catch (SocketTimeoutException e) {
                // drained
            }
            double allowed = LIMITS.perSourceBurst() + LIMITS.perSourceRate() * (seconds + 0.35) + 1;
            assertTrue(got >= LIMITS.perSourceBurst() * 0.9 && got <= allowed, got + " answers to 1500 probes sent in " + seconds + " s (allowed " + allowed + ")");
            assertTrue(reflector.counts().rateLimited() > 0);
        }
    }

    @Test
    void tcpWithTheWrongKeyIsClosedWithoutAByte() throws IOException {
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(2000);
            byte[] m = Wire.encode(ResponderTest.OTHER_KEY, Wire.PROBE, 7, 0, now(), 100);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(m.length);
            out.write(m);
            out.flush();
            assertEquals(-1, s.getInputStream().read(), "closed, nothing sent");
        }
    }

    @Test
    void tcpFrameLargerThanAMessageIsClosedWithoutReadingIt() throws IOException {
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(2000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(60000);
            out.flush();
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void tcpConnectionsAreLimitedPerSourceAndIdleOnesClosed() throws IOException, InterruptedException {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < LIMITS.maxTcpPerSource(); i++) {
                Socket s = new Socket(LOOPBACK, port);
                s.setSoTimeout(2000);
                held.add(s);
            }
            waitFor(() -> reflector.openConnections() == LIMITS.maxTcpPerSource());
            try (Socket extra = new Socket(LOOPBACK, port)) {
                extra.setSoTimeout(2000);
                assertEquals(-1, extra.getInputStream().read(), "one more than " + LIMITS.maxTcpPerSource() + " from this address is closed at once");
            }
            long t0 = System.nanoTime();
            for (Socket s : held) {
                InputStream in = s.getInputStream();
                assertEquals(-1, in.read(), "an idle connection is closed");
            }
            double took = (System.nanoTime() - t0) / 1e6;
            assertTrue(took < 2000, "closed after about the 500 ms idle limit, took " + took + " ms");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void bindingABusyPortNamesIt() throws IOException {
        try (DatagramSocket busy = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> Reflector.start(LOOPBACK, List.of(busy.getLocalPort()), List.of(), KEY, LIMITS, Clock.systemUTC(), s -> {}));
            assertTrue(e.getMessage().startsWith("cannot listen on UDP 127.0.0.1:" + busy.getLocalPort()), e.getMessage());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 200 && !c.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(c.getAsBoolean());
    }
}
