package dev.wscheck.reflector;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The reflector's listeners: one thread per UDP port, one accepting thread per TCP port and one
 * thread per open TCP connection (at most {@link ReflectorLimits#maxTcpConnections()}). Every
 * message goes through one {@link Responder}. No picocli here: {@code cli.ReflectorCommand} parses
 * the command line and calls {@link #start}.
 *
 * <p>UDP: a datagram longer than {@link Wire#MAX_SIZE} is dropped unread (the receive buffer is
 * larger so that it can tell); the answer goes to the datagram's source address and port.
 * TCP: messages are framed by a 2-byte length; a frame outside the wire format's sizes, a message
 * that gets no answer, an idle or too old connection are all closed without a byte sent.
 */
public final class Reflector implements AutoCloseable {
    private final Responder responder;
    private final ReflectorLimits limits;
    private final Consumer<String> log;
    private final List<DatagramSocket> udp = new ArrayList<>();
    private final List<ServerSocket> tcp = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "reflector-tcp-conn");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger openConnections = new AtomicInteger();
    private final Map<InetAddress, Integer> perSource = new HashMap<>();
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private Reflector(Responder responder, ReflectorLimits limits, Consumer<String> log) {
        this.responder = responder;
        this.limits = limits;
        this.log = log;
    }

    /**
     * Binds every port and starts answering. A port 0 in both lists at the same position is bound
     * to one free number for UDP and TCP alike (tests). Throws IOException naming the address and
     * port that could not be bound; nothing stays open then.
     */
    public static Reflector start(InetAddress listen, List<Integer> udpPorts, List<Integer> tcpPorts, byte[] key,
                                  ReflectorLimits limits, Clock clock, Consumer<String> log) throws IOException {
        Reflector r = new Reflector(new Responder(key, limits, clock), limits, log);
        try {
            for (int i = 0; i < Math.max(udpPorts.size(), tcpPorts.size()); i++) {
                Integer tp = i < tcpPorts.size() ? tcpPorts.get(i) : null;
                Integer up = i < udpPorts.size() ? udpPorts.get(i) : null;
                int boundTcp = -1;
                if (tp != null) {
                    boundTcp = r.bindTcp(listen, tp);
                }
                if (up != null) {
                    r.bindUdp(listen, up == 0 && tp != null && tp == 0 ? boundTcp : up);
                }
            }
        } catch (IOException e) {
            r.close();
            throw e;
        }
        r.threads.forEach(Thread::start);
        return r;
    }

    private int bindTcp(InetAddress listen, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(listen, port), 64);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot listen on TCP " + listen.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        tcp.add(s);
        threads.add(daemon("reflector-tcp-" + s.getLocalPort(), () -> acceptLoop(s)));
        return s.getLocalPort();
    }

    private void bindUdp(InetAddress listen, int port) throws IOException {
        DatagramSocket s;
        try {
            s = new DatagramSocket(new InetSocketAddress(listen, port));
        } catch (IOException e) {
            throw new IOException("cannot listen on UDP " + listen.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        udp.add(s);
        threads.add(daemon("reflector-udp-" + s.getLocalPort(), () -> udpLoop(s)));
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The bound UDP ports, in the order given. */
    public List<Integer> udpPorts() {
        return udp.stream().map(DatagramSocket::getLocalPort).toList();
    }

    /** The bound TCP ports, in the order given. */
    public List<Integer> tcpPorts() {
        return tcp.stream().map(ServerSocket::getLocalPort).toList();
    }

    public Responder.Counts counts() {
        return responder.counts();
    }

    /** TCP connections open right now. */
    public int openConnections() {
        return openConnections.get();
    }

    private void udpLoop(DatagramSocket s) {
        byte[] buf = new byte[Wire.MAX_SIZE + 1];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setLength(buf.length);
                s.receive(p);
                if (p.getLength() > Wire.MAX_SIZE) {
                    continue; // too large to be ours: dropped unread
                }
                Optional<Integer> n = responder.answer(buf, p.getLength(), p.getAddress());
                if (n.isPresent()) {
                    s.send(new DatagramPacket(buf, n.get(), p.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!closed) {
                    log.accept("reflector: UDP " + s.getLocalPort() + ": " + e.getMessage());
                }
            }
        }
    }

    private void acceptLoop(ServerSocket server) {
        while (!closed) {
            Socket c;
            try {
                c = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.accept("reflector: TCP " + server.getLocalPort() + ": " + e.getMessage());
                }
                continue;
            }
            InetAddress src = c.getInetAddress();
            if (!admit(src)) {
                closeQuietly(c); // over a limit: closed at once, nothing sent
                continue;
            }
            open.add(c);
            try {
                connections.execute(() -> {
                    try {
                        serve(c);
                    } finally {
                        closeQuietly(c);
                        open.remove(c);
                        release(src);
                    }
                });
            } catch (RuntimeException e) {
                closeQuietly(c);
                open.remove(c);
                release(src);
            }
        }
    }

    private synchronized boolean admit(InetAddress src) {
        int mine = perSource.getOrDefault(src, 0);
        if (openConnections.get() >= limits.maxTcpConnections() || mine >= limits.maxTcpPerSource()) {
            return false;
        }
        openConnections.incrementAndGet();
        perSource.put(src, mine + 1);
        return true;
    }

    private synchronized void release(InetAddress src) {
        openConnections.decrementAndGet();
        perSource.computeIfPresent(src, (k, v) -> v <= 1 ? null : v - 1);
    }

    /** Answers framed messages until the peer closes, a rule says silence, or a time limit passes. */
    private void serve(Socket c) {
        long deadline = System.nanoTime() + limits.tcpLifetime().toNanos();
        byte[] buf = new byte[Wire.MAX_SIZE];
        try {
            c.setSoTimeout((int) limits.tcpIdle().toMillis());
            c.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(c.getInputStream());
            DataOutputStream out = new DataOutputStream(c.getOutputStream());
            while (!closed && System.nanoTime() < deadline) {
                int len = in.readUnsignedShort();
                if (len < Wire.MIN_SIZE || len > Wire.MAX_SIZE) {
                    return; // not a message of ours: close, read nothing more
                }
                in.readFully(buf, 0, len);
                Optional<Integer> n = responder.answer(buf, len, c.getInetAddress());
                if (n.isEmpty()) {
                    return;
                }
                out.writeShort(n.get());
                out.write(buf, 0, n.get());
                out.flush();
            }
        } catch (EOFException | SocketException e) {
            // the peer went away or the reflector is closing
        } catch (IOException e) {
            // idle too long (SocketTimeoutException) or a broken connection: close it
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing: nothing left to do
        }
    }

    @Override
    public void close() {
        closed = true;
        udp.forEach(Reflector::closeQuietly);
        tcp.forEach(Reflector::closeQuietly);
        open.forEach(Reflector::closeQuietly);
        connections.shutdownNow();
    }
}
