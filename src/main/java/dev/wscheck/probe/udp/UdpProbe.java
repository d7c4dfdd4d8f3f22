package dev.wscheck.probe.udp;

import dev.wscheck.net.Route;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResources;
import dev.wscheck.probe.ProbeResult;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Sends up to three datagrams to the target and waits for a reply, on a plain java.nio
 * {@link DatagramChannel} CONNECTED to the target's address, so that ICMP errors come back to it:
 * port unreachable as a {@link java.net.PortUnreachableException} (on Windows the JDK reports it
 * only on a connected socket), host or network unreachable as a {@link java.net.NoRouteToHostException}
 * or a {@link java.net.SocketException} naming the error. One channel and one selector per probe,
 * on the engine's thread: no event loop to start (on a cold JVM netty's first exchange cost about
 * 0.55 s more CPU and 0.6-2.9 s of wall time on a loaded 2-core machine, against 55-130 ms for
 * this; docs/performance.md).
 *
 * <p>UDP never goes through a proxy (the WorkSpaces client never proxies UDP): the datagrams go to
 * the address the check's DNS step resolved, and the transport is ignored.
 *
 * <p>Timing: once the socket is open, datagram 1 goes at once, 2 at a quarter and 3 at half of
 * the timeout (a lost datagram, or an ICMP reply lost to rate limiting, gets two more chances);
 * the probe waits for the first reply until one timeout has passed since the socket opened, then
 * closes the channel. Opening the socket is local work and instant.
 *
 * <p>Outcomes: a reply is {@code udp-reply}; ICMP port unreachable is {@code udp-port-unreachable};
 * ICMP host/network unreachable, a missing route, or the local system refusing to send is
 * {@code udp-unreachable}; silence is {@code udp-no-reply}, which only says that nothing came
 * back: the health-check servers' protocol is not public and they may ignore these datagrams.
 */
public final class UdpProbe implements Probe {
    static final int MAX_DATAGRAMS = 3;
    /** Large enough for any UDP payload, so that a reply's size is reported as sent. */
    private static final int RECEIVE_BUFFER = 65536;

    private final IntFunction<UdpPayload> payloadForPort;

    public UdpProbe() {
        this(UdpPayload::forPort);
    }

    /** Tests choose the payload regardless of the (random) fixture port. */
    UdpProbe(IntFunction<UdpPayload> payloadForPort) {
        this.payloadForPort = payloadForPort;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.UDP;
    }

    /** Loads the NIO datagram and selector classes before the first datagram; sends nothing. */
    @Override
    public void prepare(ProbeResources resources) {
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET); Selector sel = Selector.open()) {
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_READ);
            sel.selectNow();
        } catch (IOException e) {
            // run() will meet the same problem and report it
        }
    }

    @Override
    public ProbeResult run(CheckSpec check, ProbeContext ctx) {
        int port = check.target().port();
        String where = "direct => " + check.target().hostPort();
        if (ctx.address().isEmpty()) {
            return ProbeResult.of(Outcome.ERROR, where + " (udp): no resolved address; the check's DNS step should have provided one (a wscheck wiring bug)");
        }
        InetAddress address = ctx.address().get();
        if (!check.target().isIpLiteral()) {
            where = where + " [" + address.getHostAddress() + "]";
        }
        UdpPayload payload = payloadForPort.apply(port);
        Exchange x = new Exchange(payload);
        long timeoutNanos = Math.max(1, ctx.timeout().toNanos());
        long t0 = System.nanoTime();
        long end = t0 + timeoutNanos;
        ProbeResult.Builder b = ProbeResult.builder().via(Route.DIRECT).address(address);
        StandardProtocolFamily family = address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        try (DatagramChannel ch = DatagramChannel.open(family); Selector sel = Selector.open()) {
            ch.configureBlocking(false);
            // Connecting a datagram socket only sets its peer (and fails at once without a route);
            // it takes no network round trip.
            ch.connect(new InetSocketAddress(address, port));
            ch.register(sel, SelectionKey.OP_READ);
            ByteBuffer in = ByteBuffer.allocate(RECEIVE_BUFFER);
            while (true) {
                long now = System.nanoTime();
                // Datagram i goes at i/4 of the timeout: 0, T/4, T/2.
                if (x.attempts < MAX_DATAGRAMS && now - t0 >= x.attempts * timeoutNanos / 4) {
                    x.send(ch);
                    continue;
                }
                long nextSend = x.attempts < MAX_DATAGRAMS ? t0 + x.attempts * timeoutNanos / 4 : end;
                long wait = Math.min(nextSend, end) - now;
                if (wait <= 0 && x.sent == 0) {
                    // Not silence from the network: nothing was ever sent.
                    return finish(b, x, Outcome.ERROR, where + ": no datagram could be sent within " + ctx.timeout().toMillis()
                            + " ms (this PC's socket buffers are full)", t0);
                }
                if (wait <= 0) {
                    return finish(b, x, Outcome.UDP_NO_REPLY, where + ": no reply to " + x.sent + " " + payload.kind()
                            + " datagram(s) within " + ctx.timeout().toMillis() + " ms (silence is inconclusive: "
                            + "the datagrams may be dropped, or the server does not answer this probe)", t0);
                }
                sel.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                sel.selectedKeys().clear();
                if (Thread.currentThread().isInterrupted()) {
                    return finish(b, x, Outcome.DEADLINE_EXCEEDED, where + ": interrupted while waiting for a reply", t0);
                }
                in.clear();
                SocketAddress from = ch.receive(in);
                if (from != null) {
                    in.flip();
                    byte[] bytes = Arrays.copyOf(in.array(), in.limit());
                    String sender = from instanceof InetSocketAddress s ? s.getAddress().getHostAddress() + ":" + s.getPort() : String.valueOf(from);
                    return finishReply(b, x, new Reply(bytes, sender, System.nanoTime()), where, t0);
                }
            }
        } catch (ClosedByInterruptException e) {
            return finish(b, x, Outcome.DEADLINE_EXCEEDED, where + ": interrupted while waiting for a reply", t0);
        } catch (IOException e) {
            // The connect (no route, a firewall on this PC), a send or a receive (an ICMP error for
            // an earlier datagram surfaces on the next operation of a connected socket).
            Outcome o = classify(e);
            return finish(b, x, o, where + ": " + describeFailure(e, o, x.sent), t0);
        }
    }

    /** Maps a failure of a UDP exchange to a UDP outcome. */
    static Outcome classify(Throwable t) {
        Outcome o = Outcome.classify(t, Phase.REQUEST);
        if (o == Outcome.UDP_PORT_UNREACHABLE || o == Outcome.UDP_UNREACHABLE) {
            return o;
        }
        // On a datagram socket ECONNREFUSED is the ICMP port unreachable; the JDK normally says
        // PortUnreachableException, but a plain "Connection refused" means the same.
        if (o == Outcome.TCP_REFUSED) {
            return Outcome.UDP_PORT_UNREACHABLE;
        }
        // Anything else the socket reports ("Network is unreachable" from connect without a route,
        // "Operation not permitted" when a firewall on this PC drops the datagram, ICMP errors
        // other than port unreachable) means the datagram does not get out or through.
        if (t instanceof IOException) {
            return Outcome.UDP_UNREACHABLE;
        }
        return Outcome.ERROR;
    }

    private static String describeFailure(Throwable t, Outcome o, int sent) {
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        switch (o) {
            case UDP_PORT_UNREACHABLE:
                return "ICMP port unreachable after " + sent + " datagram(s): nothing listens there, or a firewall rejects it";
            case UDP_UNREACHABLE:
                return sent == 0 ? "cannot send from this PC (" + msg + ")"
                        : "ICMP destination unreachable after " + sent + " datagram(s) (" + msg + "): a router or firewall on the way rejects it";
            default:
                return msg;
        }
    }

    private static ProbeResult finishReply(ProbeResult.Builder b, Exchange x, Reply r, String where, long t0) {
        long firstSend = x.firstSendNanos;
        Duration rtt = Duration.ofNanos(Math.max(0, r.atNanos - firstSend));
        List<String> versions = x.payload.quicVersionsIn(r.bytes);
        StringBuilder d = new StringBuilder(where).append(": reply of ").append(r.bytes.length).append(" bytes from ")
                .append(r.from).append(" after ").append(rtt.toMillis()).append(" ms");
        if (x.payload.isVersionNegotiation(r.bytes)) {
            d.append(versions.isEmpty() ? " (QUIC Version Negotiation, no version offered)"
                    : " (QUIC Version Negotiation offering " + String.join(", ", versions) + ")");
        }
        b.outcome(Outcome.UDP_REPLY).detail(d.toString()).phase(Phase.REQUEST, rtt)
                .evidence(new UdpEvidence(x.payload.kind(), x.sent, x.bytesSent, r.bytes.length, r.from, versions, millis(rtt.toNanos())));
        return b.build(Duration.ofNanos(System.nanoTime() - t0));
    }

    private static ProbeResult finish(ProbeResult.Builder b, Exchange x, Outcome o, String detail, long t0) {
        long now = System.nanoTime();
        long firstSend = x.firstSendNanos;
        Duration waited = firstSend == 0 ? Duration.ZERO : Duration.ofNanos(now - firstSend);
        b.outcome(o).detail(detail).phase(Phase.REQUEST, waited)
                .evidence(new UdpEvidence(x.payload.kind(), x.sent, x.bytesSent, 0, "", List.of(), 0));
        return b.build(Duration.ofNanos(now - t0));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }

    /** The first reply: its bytes, where it came from, and when (System.nanoTime). */
    private record Reply(byte[] bytes, String from, long atNanos) {}

    /** What one probe has sent so far; used by the probe's thread only. */
    private static final class Exchange {
        final UdpPayload payload;
        /** Datagrams due so far (a full socket buffer may have taken fewer than that). */
        int attempts;
        int sent;
        int bytesSent;
        /** System.nanoTime when the first datagram was handed to the socket; 0 before. */
        long firstSendNanos;

        Exchange(UdpPayload payload) {
            this.payload = payload;
        }

        void send(DatagramChannel ch) throws IOException {
            if (firstSendNanos == 0) {
                firstSendNanos = System.nanoTime();
            }
            attempts++;
            int n = ch.write(ByteBuffer.wrap(payload.datagram()));
            if (n > 0) {
                sent++;
                bytesSent += n;
            }
        }
    }
}
