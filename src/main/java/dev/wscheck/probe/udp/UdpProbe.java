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
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Sends up to three datagrams to the target and waits for a reply, on a netty datagram channel
 * CONNECTED to the target's address, so that an ICMP port-unreachable comes back as a
 * {@link java.net.PortUnreachableException} (on Windows the JDK reports it only on a connected
 * socket).
 *
 * <p>UDP never goes through a proxy (the WorkSpaces client never proxies UDP): the datagrams go to
 * the address the check's DNS step resolved, and the transport is ignored.
 *
 * <p>Timing: once the socket is open, datagram 1 goes at once, 2 at a quarter and 3 at half of
 * the timeout (a lost datagram, or an ICMP reply lost to rate limiting, gets two more chances);
 * the probe waits for the first reply until one timeout has passed since the socket opened, then
 * closes the channel. Opening the socket is local work (bounded by the timeout too); it is
 * normally instant, but the run's first UDP probe also starts netty's event loop.
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

    /** Starts the shared netty event loop before the first datagram, so that its start-up is not spent from a probe's timeout. */
    @Override
    public void prepare(ProbeResources resources) {
        resources.eventLoopGroup();
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
        ProbeResult.Builder b = ProbeResult.builder().via(Route.DIRECT).address(address);

        ChannelFuture connect = new Bootstrap()
                .group(ctx.resources().eventLoopGroup())
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER))
                .handler(x)
                .connect(new InetSocketAddress(address, port));
        Channel ch = connect.channel();
        try {
            // Connecting a datagram socket only sets its peer (and fails at once without a route);
            // it takes no network round trip.
            if (!connect.awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + 1)) {
                return finish(b, x, Outcome.ERROR, where + ": the event loop did not open the UDP socket within " + ctx.timeout().toMillis() + " ms", t0);
            }
            if (!connect.isSuccess()) {
                Outcome o = classify(connect.cause());
                return finish(b, x, o, where + ": " + describeFailure(connect.cause(), o, 0), t0);
            }
            // The whole probe fits in the timeout. Opening the socket is local work and quick:
            // the event loop was started by prepare() before the run's first UDP check.
            long end = t0 + timeoutNanos;
            x.start(ch, Math.max(1, end - System.nanoTime()));
            try {
                Reply r = x.result.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                return finishReply(b, x, r, where, t0);
            } catch (TimeoutException e) {
                x.stop();
                if (x.sent.get() == 0) {
                    // Not silence from the network: nothing was ever sent.
                    return finish(b, x, Outcome.ERROR, where + ": no datagram could be sent within " + ctx.timeout().toMillis()
                            + " ms (this PC's event loop is stalled or overloaded)", t0);
                }
                return finish(b, x, Outcome.UDP_NO_REPLY, where + ": no reply to " + x.sent.get() + " " + payload.kind()
                        + " datagram(s) within " + ctx.timeout().toMillis() + " ms (silence is inconclusive: "
                        + "the datagrams may be dropped, or the server does not answer this probe)", t0);
            } catch (ExecutionException e) {
                x.stop();
                Outcome o = classify(e.getCause());
                return finish(b, x, o, where + ": " + describeFailure(e.getCause(), o, x.sent.get()), t0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                x.stop();
                return finish(b, x, Outcome.DEADLINE_EXCEEDED, where + ": interrupted while waiting for a reply", t0);
            }
        } finally {
            x.stop();
            ch.close().awaitUninterruptibly(1000);
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
                return "unreachable (" + msg + ")";
            default:
                return msg;
        }
    }

    private static ProbeResult finishReply(ProbeResult.Builder b, Exchange x, Reply r, String where, long t0) {
        long firstSend = x.firstSendNanos.get();
        Duration rtt = Duration.ofNanos(Math.max(0, r.atNanos - firstSend));
        List<String> versions = x.payload.quicVersionsIn(r.bytes);
        StringBuilder d = new StringBuilder(where).append(": reply of ").append(r.bytes.length).append(" bytes from ")
                .append(r.from).append(" after ").append(rtt.toMillis()).append(" ms");
        if (x.payload.isVersionNegotiation(r.bytes)) {
            d.append(versions.isEmpty() ? " (QUIC Version Negotiation, no version offered)"
                    : " (QUIC Version Negotiation offering " + String.join(", ", versions) + ")");
        }
        b.outcome(Outcome.UDP_REPLY).detail(d.toString()).phase(Phase.REQUEST, rtt)
                .evidence(new UdpEvidence(x.payload.kind(), x.sent.get(), x.bytesSent.get(), r.bytes.length, r.from, versions, millis(rtt.toNanos())));
        return b.build(Duration.ofNanos(System.nanoTime() - t0));
    }

    private static ProbeResult finish(ProbeResult.Builder b, Exchange x, Outcome o, String detail, long t0) {
        long now = System.nanoTime();
        long firstSend = x.firstSendNanos.get();
        Duration waited = firstSend == 0 ? Duration.ZERO : Duration.ofNanos(now - firstSend);
        b.outcome(o).detail(detail).phase(Phase.REQUEST, waited)
                .evidence(new UdpEvidence(x.payload.kind(), x.sent.get(), x.bytesSent.get(), 0, "", List.of(), 0));
        return b.build(Duration.ofNanos(now - t0));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }

    /** The first reply: its bytes, where it came from, and when (System.nanoTime). */
    private record Reply(byte[] bytes, String from, long atNanos) {}

    /**
     * One probe's exchange, living on the channel's event loop: sends the datagrams on schedule
     * and completes {@link #result} with the first reply or the first error.
     */
    private static final class Exchange extends SimpleChannelInboundHandler<DatagramPacket> {
        final UdpPayload payload;
        final CompletableFuture<Reply> result = new CompletableFuture<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger bytesSent = new AtomicInteger();
        /** System.nanoTime when the first datagram was handed to the socket; 0 before. */
        final AtomicLong firstSendNanos = new AtomicLong();
        private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

        Exchange(UdpPayload payload) {
            this.payload = payload;
        }

        /** Schedules the datagrams: at 0, timeout/4 and timeout/2. */
        synchronized void start(Channel ch, long timeoutNanos) {
            for (int i = 0; i < MAX_DATAGRAMS; i++) {
                long delay = i * timeoutNanos / 4;
                scheduled.add(ch.eventLoop().schedule(() -> send(ch), delay, TimeUnit.NANOSECONDS));
            }
        }

        /** Cancels the datagrams not yet sent. */
        synchronized void stop() {
            for (ScheduledFuture<?> f : scheduled) {
                f.cancel(false);
            }
        }

        private void send(Channel ch) {
            if (result.isDone() || !ch.isActive()) {
                return;
            }
            firstSendNanos.compareAndSet(0, System.nanoTime());
            ByteBuf buf = Unpooled.wrappedBuffer(payload.datagram());
            int size = buf.readableBytes();
            ch.writeAndFlush(buf).addListener(f -> {
                if (f.isSuccess()) {
                    sent.incrementAndGet();
                    bytesSent.addAndGet(size);
                } else if (!(f.cause() instanceof ClosedChannelException)) {
                    // An ICMP error for an earlier datagram can surface on this write.
                    result.completeExceptionally(f.cause());
                }
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            byte[] bytes = ByteBufUtil.getBytes(packet.content());
            InetSocketAddress s = packet.sender();
            String from = s == null ? "" : s.getAddress().getHostAddress() + ":" + s.getPort();
            result.complete(new Reply(bytes, from, System.nanoTime()));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "udp exchange (%s, %d sent)", payload.kind(), sent.get());
        }
    }
}
