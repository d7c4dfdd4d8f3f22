package dev.wscheck.probe.reflector;

import dev.wscheck.net.NameResolver;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.ConnectFailures;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.latency.RttStats;
import dev.wscheck.reflector.Wire;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measures the path to a {@code wscheck reflector} (contract §9): on a {@code udp} target, a series
 * of sequence-numbered datagrams spaced over about two seconds, then datagrams of 1200, 1280, 1400
 * and 1472 bytes (two of each) for the path MTU; on a {@code tcp} target, round trips of framed
 * messages on one connection. Every message is signed with the shared key (see {@link Wire}); only
 * authenticated echoes of this run's session count.
 *
 * <p>Reports facts: {@code ok} when any echo came back, with {@link ReflectorEvidence};
 * {@code udp-no-reply} when no UDP echo came back; {@code reflector-silent} when a TCP connection
 * opened but nothing came back (wrong key, a clock more than 60 s off, rate limit); a TCP connect
 * failure's own outcome. The Evaluator judges loss, jitter and MTU against the catalog.
 *
 * <p>Time: the UDP series takes about 2 s, then waits for late echoes: three times the slowest
 * round trip seen (at least 300 ms), or the whole timeout when nothing came back. The TCP series
 * stops at its first timeout.
 */
public final class ReflectorProbe implements Probe {
    /** The datagram sizes tried for the path MTU; WorkSpaces needs 1200 through a VPN (S3). */
    static final int[] MTU_SIZES = {1200, 1280, 1400, Wire.MAX_SIZE};
    /** The size of the series' datagrams: a typical small streaming packet. */
    static final int SERIES_SIZE = 200;
    /** The series is spread over this long, whatever the number of datagrams. */
    static final Duration SPREAD = Duration.ofSeconds(2);
    static final int MAX_TCP_ROUND_TRIPS = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public ProbeKind kind() {
        return ProbeKind.REFLECTOR;
    }

    @Override
    public ProbeResult run(CheckSpec check, ProbeContext ctx) {
        long start = System.nanoTime();
        Optional<ReflectorSettings> settings = ctx.resources().reflector();
        if (settings.isEmpty()) {
            return ProbeResult.of(Outcome.SKIPPED, "no --reflector given");
        }
        String where = "direct => " + check.targetDisplay();
        InetAddress address;
        try {
            address = ctx.address().isPresent() ? ctx.address().get()
                    : NameResolver.dnsjava(ctx.resources().dnsServers()).resolve(check.target().host(), ctx.timeout()).get(0);
        } catch (IOException e) {
            return ProbeResult.builder().outcome(Outcome.DNS_NXDOMAIN)
                    .detail("reflector " + check.target().host() + ": " + e.getMessage())
                    .build(Duration.ofNanos(System.nanoTime() - start));
        }
        return "udp".equals(check.target().scheme())
                ? udp(check, ctx, settings.get(), address, where, start)
                : tcp(check, ctx, settings.get(), address, where, start);
    }

    private ProbeResult udp(CheckSpec check, ProbeContext ctx, ReflectorSettings s, InetAddress address, String where, long start) {
        int n = Math.max(1, s.samples());
        long spacing = Math.max(1_000_000L, SPREAD.toNanos() / n);
        long session = RANDOM.nextLong();
        long[] sentAt = new long[n + 2 * MTU_SIZES.length];
        double[] rtt = new double[sentAt.length];
        int[] size = new int[sentAt.length];
        ProbeResult.Builder b = ProbeResult.builder().address(address).via(ctx.transport().route());
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(address, check.target().port()));
            Receiver receiver = new Receiver(socket, s.key(), session, sentAt, rtt);
            Thread t = new Thread(receiver, "reflector-probe-rx");
            t.setDaemon(true);
            t.start();
            try {
                for (int i = 0; i < n; i++) {
                    send(socket, s.key(), session, i, SERIES_SIZE, sentAt, size);
                    if (!pause(spacing)) {
                        break;
                    }
                }
                int k = n;
                for (int mtu : MTU_SIZES) {
                    for (int rep = 0; rep < 2; rep++) {
                        send(socket, s.key(), session, k++, mtu, sentAt, size);
                    }
                }
                long waitUntil = System.nanoTime() + grace(receiver, ctx.timeout());
                while (System.nanoTime() < waitUntil && receiver.received() < sentAt.length && receiver.failure == null) {
                    if (!pause(10_000_000L)) {
                        break;
                    }
                    long better = System.nanoTime() + grace(receiver, ctx.timeout());
                    waitUntil = Math.min(waitUntil, better);
                }
            } finally {
                receiver.stop = true;
                socket.close();
                joinQuietly(t);
            }
            if (receiver.failure != null && receiver.receivedSeries(n) == 0) {
                throw receiver.failure;
            }
            List<Double> series = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (rtt[i] > 0) {
                    series.add(rtt[i]);
                }
            }
            int largest = 0;
            for (int i = 0; i < sentAt.length; i++) {
                if (rtt[i] > 0) {
                    largest = Math.max(largest, size[i]);
                }
            }
            RttStats st = RttStats.of(series, n);
            ReflectorEvidence ev = new ReflectorEvidence(n, series.size(), st.lossPct(), new ReflectorEvidence.Rtt(st.min(), st.median(), st.p95()),
                    st.jitter(), receiver.reordered(n), largest);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (series.isEmpty() && largest == 0) {
                return b.outcome(Outcome.UDP_NO_REPLY).evidence(ev)
                        .detail(where + ": no authenticated echo to " + n + " datagrams (UDP " + check.target().port()
                                + " blocked on the way, or the reflector is down, has another key, or this PC's clock is more than a minute off)")
                        .build(took);
            }
            return b.outcome(Outcome.OK).evidence(ev).phase(Phase.REQUEST, Duration.ofNanos(Math.round(st.median() * 1e6)))
                    .detail(String.format(Locale.ROOT, "%s: %d/%d echoes (%.1f %% lost), round trip median %.1f ms (min %.1f, p95 %.1f), "
                            + "jitter %.1f ms, %d reordered, largest datagram %d bytes", where, series.size(), n, st.lossPct(), st.median(),
                            st.min(), st.p95(), st.jitter(), ev.reordered(), largest))
                    .build(took);
        } catch (IOException e) {
            Outcome o = e instanceof PortUnreachableException ? Outcome.UDP_PORT_UNREACHABLE : Outcome.classify(e, Phase.REQUEST);
            return b.outcome(o).detail(where + ": " + e.getMessage()).build(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** How long to wait for late echoes: 3 × the slowest round trip so far (≥ 300 ms), or the timeout when none came. */
    private static long grace(Receiver r, Duration timeout) {
        double max = r.maxRttMs();
        if (max <= 0) {
            return timeout.toNanos();
        }
        return Math.min(timeout.toNanos(), Math.max(300_000_000L, (long) (3 * max * 1e6)));
    }

    private static void send(DatagramSocket socket, byte[] key, long session, int seq, int bytes, long[] sentAt, int[] size) throws IOException {
        byte[] m = Wire.encode(key, Wire.PROBE, session, seq, System.currentTimeMillis(), bytes);
        size[seq] = bytes;
        sentAt[seq] = System.nanoTime();
        try {
            socket.send(new DatagramPacket(m, m.length));
        } catch (PortUnreachableException e) {
            throw e;
        } catch (IOException e) {
            // a send that the OS refuses (EMSGSIZE for a datagram larger than the link allows) is a datagram that did not go
            if (bytes == SERIES_SIZE) {
                throw e;
            }
        }
    }

    /** Reads echoes until stopped; records each authenticated echo of this session once. */
    private static final class Receiver implements Runnable {
        final DatagramSocket socket;
        final byte[] key;
        final long session;
        final long[] sentAt;
        final double[] rtt;
        volatile boolean stop;
        volatile IOException failure;
        private int count;
        private int highest = -1;
        private int reorderedSeries;
        private double maxRtt;

        Receiver(DatagramSocket socket, byte[] key, long session, long[] sentAt, double[] rtt) {
            this.socket = socket;
            this.key = key;
            this.session = session;
            this.sentAt = sentAt;
            this.rtt = rtt;
        }

        @Override
        public void run() {
            byte[] buf = new byte[2048];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.setSoTimeout(20);
            } catch (IOException e) {
                failure = e;
                return;
            }
            while (!stop) {
                try {
                    p.setLength(buf.length);
                    socket.receive(p);
                    long now = System.nanoTime();
                    Optional<Wire.Message> m = Wire.parse(key, buf, p.getLength());
                    if (m.isEmpty() || m.get().kind() != Wire.ECHO || m.get().session() != session) {
                        continue;
                    }
                    long seq = m.get().sequence();
                    if (seq >= sentAt.length || sentAt[(int) seq] == 0) {
                        continue;
                    }
                    record((int) seq, (now - sentAt[(int) seq]) / 1e6);
                } catch (SocketTimeoutException e) {
                    // poll the stop flag
                } catch (IOException e) {
                    if (!stop) {
                        failure = e;
                    }
                    return;
                }
            }
        }

        private synchronized void record(int seq, double ms) {
            if (rtt[seq] > 0) {
                return; // a duplicate
            }
            rtt[seq] = Math.max(0.001, Math.round(ms * 1000) / 1000.0);
            count++;
            maxRtt = Math.max(maxRtt, ms);
            if (seq < highest) {
                reorderedSeries++;
            }
            highest = Math.max(highest, seq);
        }

        synchronized int received() {
            return count;
        }

        synchronized double maxRttMs() {
            return maxRtt;
        }

        synchronized int receivedSeries(int n) {
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (rtt[i] > 0) {
                    c++;
                }
            }
            return c;
        }

        synchronized int reordered(int n) {
            return reorderedSeries;
        }
    }

    private ProbeResult tcp(CheckSpec check, ProbeContext ctx, ReflectorSettings s, InetAddress address, String where, long start) {
        int n = Math.min(MAX_TCP_ROUND_TRIPS, Math.max(1, s.samples()));
        long spacing = Math.max(1_000_000L, SPREAD.toNanos() / Math.max(1, s.samples()));
        long session = RANDOM.nextLong();
        ProbeResult.Builder b = ProbeResult.builder().address(address).via(ctx.transport().route());
        Socket socket;
        long t0 = System.nanoTime();
        try {
            socket = ctx.transport().connect(check.target().host(), check.target().port(), Optional.of(address), ctx.timeout());
        } catch (IOException e) {
            Outcome o = Outcome.classify(e, Phase.CONNECT);
            return b.outcome(o).phase(Phase.CONNECT, Duration.ofNanos(System.nanoTime() - t0))
                    .detail(where + ": " + ConnectFailures.describe(e, o, ctx.timeout()))
                    .build(Duration.ofNanos(System.nanoTime() - start));
        }
        b.phase(Phase.CONNECT, Duration.ofNanos(System.nanoTime() - t0));
        List<Double> rtts = new ArrayList<>();
        int sent = 0;
        String stopped = "";
        try (Socket sock = socket) {
            sock.setSoTimeout((int) Math.max(1, ctx.timeout().toMillis()));
            sock.setTcpNoDelay(true);
            DataOutputStream out = new DataOutputStream(sock.getOutputStream());
            DataInputStream in = new DataInputStream(sock.getInputStream());
            byte[] buf = new byte[Wire.MAX_SIZE];
            for (int i = 0; i < n; i++) {
                if (i > 0 && !pause(spacing)) {
                    break;
                }
                byte[] m = Wire.encode(s.key(), Wire.PROBE, session, i, System.currentTimeMillis(), SERIES_SIZE);
                long ts = System.nanoTime();
                out.writeShort(m.length);
                out.write(m);
                out.flush();
                sent++;
                int len = in.readUnsignedShort();
                if (len > buf.length) {
                    stopped = "the reflector sent a frame of " + len + " bytes";
                    break;
                }
                in.readFully(buf, 0, len);
                double ms = (System.nanoTime() - ts) / 1e6;
                Optional<Wire.Message> echo = Wire.parse(s.key(), buf, len);
                if (echo.isEmpty() || echo.get().kind() != Wire.ECHO || echo.get().session() != session || echo.get().sequence() != i) {
                    stopped = "an echo that is not signed with the key";
                    break;
                }
                rtts.add(Math.round(ms * 1000) / 1000.0);
            }
        } catch (EOFException e) {
            stopped = "the reflector closed the connection";
        } catch (SocketTimeoutException e) {
            stopped = "no echo within " + ctx.timeout().toMillis() + " ms";
        } catch (IOException e) {
            stopped = e.getMessage();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        RttStats st = RttStats.of(rtts, sent);
        ReflectorEvidence ev = new ReflectorEvidence(sent, rtts.size(), st.lossPct(), new ReflectorEvidence.Rtt(st.min(), st.median(), st.p95()),
                st.jitter(), 0, 0);
        if (rtts.isEmpty()) {
            return b.outcome(Outcome.REFLECTOR_SILENT).evidence(ev)
                    .detail(where + ": connected, but no authenticated echo (" + stopped + "): another key in WSCHECK_REFLECTOR_KEY, "
                            + "this PC's clock more than a minute off, or the reflector's limits")
                    .build(took);
        }
        return b.outcome(Outcome.OK).evidence(ev).phase(Phase.REQUEST, Duration.ofNanos(Math.round(st.median() * 1e6)))
                .detail(String.format(Locale.ROOT, "%s: %d/%d round trips, median %.1f ms (min %.1f, p95 %.1f), jitter %.1f ms%s", where,
                        rtts.size(), sent, st.median(), st.min(), st.p95(), st.jitter(), stopped.isEmpty() ? "" : "; stopped: " + stopped))
                .build(took);
    }

    private static boolean pause(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
