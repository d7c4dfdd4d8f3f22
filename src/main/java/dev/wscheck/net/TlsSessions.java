package dev.wscheck.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The run's one client TLS context, so that one endpoint costs one full handshake (issue 16): the
 * TLS check does the full handshake (the chain is verified once, by the PC's trust manager), and
 * the HTTPS check of the same {@code host:port} afterwards resumes that session (TLS 1.3 PSK, TLS
 * 1.2 ticket or session id) from the context's client session cache: no certificate message, no
 * path building, no second verification. A server that refuses the ticket simply does a full
 * handshake, which is verified as usual.
 *
 * <p>One context means one trust manager for every connection, but the diagnosis needs the chain
 * each connection was served: a connection registers its own recorder ({@link #layer}), and the
 * context's trust manager hands each handshake to the recorder registered for its socket (else to
 * the PC's trust manager).
 *
 * <p>A TLS 1.3 server sends its session ticket after the handshake, and a client only sees it when
 * it reads: {@link #collectTicket} reads on a background thread until the ticket is in the cache or
 * a short bound passes, and the HTTPS check waits for that (at most the same bound) before its own
 * handshake, while its TCP connect already runs. One per run ({@link TrustContext#sessions}); the
 * cache is bounded all the same ({@value #CACHE_SIZE} sessions, {@value #CACHE_SECONDS} s).
 */
public final class TlsSessions {
    /** A ticket wait never lasts less than this (a loopback handshake is faster than a ticket) nor more than {@link #MAX_TICKET_WAIT}. */
    static final Duration MIN_TICKET_WAIT = Duration.ofMillis(50);
    static final Duration MAX_TICKET_WAIT = Duration.ofSeconds(1);
    private static final int POLL_MS = 5;
    static final int CACHE_SIZE = 1024;
    static final int CACHE_SECONDS = 600;

    private final X509ExtendedTrustManager pcTrust;
    private final Map<Socket, X509ExtendedTrustManager> recorders = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, CompletableFuture<Void>> tickets = new ConcurrentHashMap<>();
    /** host:port keys whose session a new connection can offer: a TLS 1.3 ticket arrived, or a TLS 1.2 session was made. */
    private final java.util.Set<String> resumableKeys = ConcurrentHashMap.newKeySet();
    private final SSLContext context;
    private volatile ExecutorService readers;
    private final java.util.concurrent.atomic.AtomicBoolean warm = new java.util.concurrent.atomic.AtomicBoolean();

    TlsSessions(X509ExtendedTrustManager pcTrust) {
        this.pcTrust = pcTrust;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Dispatch()}, null);
            context.getClientSessionContext().setSessionCacheSize(CACHE_SIZE);
            context.getClientSessionContext().setSessionTimeout(CACHE_SECONDS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * Layers TLS over {@code raw} (client mode, not yet handshaken) for {@code host:port}, the key
     * the session cache resumes by; the handshake's chain goes to {@code recorder}.
     */
    public SSLSocket layer(Socket raw, String host, int port, X509ExtendedTrustManager recorder) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true);
        recorders.put(tls, recorder);
        return tls;
    }

    /**
     * True when a new connection to {@code host:port} will offer to resume a session: a ticket (TLS
     * 1.3) or a session (TLS 1.2) of this run is known for it and still cached. (A TLS 1.3 full
     * handshake's own session sits in the cache too, but cannot be resumed without a ticket.)
     */
    public boolean resumable(String host, int port) {
        return resumableKeys.contains(key(host, port)) && cached(host, port, null);
    }

    /**
     * After a completed handshake: keeps reading {@code tls} on a background thread until the
     * server's TLS 1.3 session ticket is in the cache, the server closes, or {@code bound} passes
     * (clamped to [50 ms, 1 s]; the handshake's own time is a fair bound: the ticket comes about one
     * round trip after it), then closes it. Closes at once for TLS 1.2, whose
     * session is cached by the handshake itself, or when a ticket for {@code host:port} is already there.
     */
    public void collectTicket(SSLSocket tls, String host, int port, Duration bound) {
        recorders.remove(tls);
        SSLSession own = tls.getSession();
        if (!"TLSv1.3".equals(own.getProtocol()) || cached(host, port, own)) {
            resumableKeys.add(key(host, port));
            closeQuietly(tls);
            return;
        }
        long waitNanos = Math.max(MIN_TICKET_WAIT.toNanos(), Math.min(MAX_TICKET_WAIT.toNanos(), bound.toNanos()));
        CompletableFuture<Void> done = new CompletableFuture<>();
        tickets.put(key(host, port), done);
        try {
            readers().execute(() -> {
                try {
                    readUntilTicket(tls, host, port, own, System.nanoTime() + waitNanos);
                } finally {
                    closeQuietly(tls);
                    done.complete(null);
                    tickets.remove(key(host, port), done);
                }
            });
        } catch (RuntimeException e) {
            closeQuietly(tls);
            done.complete(null);
        }
    }

    /** Waits (at most until {@code deadlineNanos}) for a ticket being collected for {@code host:port}, if any. */
    public void awaitTicket(String host, int port, long deadlineNanos) {
        CompletableFuture<Void> pending = tickets.get(key(host, port));
        if (pending == null) {
            return;
        }
        try {
            pending.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // no ticket in time: the handshake is a full one, which is fine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Drops every cached session of {@code host:port}, so that the next connection does a full
     * handshake: the fallback when a server (or a box on the way) breaks a resumed handshake.
     */
    public void forget(String host, int port) {
        resumableKeys.remove(key(host, port));
        SSLSessionContext cache = context.getClientSessionContext();
        for (byte[] id : Collections.list(cache.getIds())) {
            SSLSession s = cache.getSession(id);
            if (s != null && matches(s, host, port)) {
                s.invalidate();
            }
        }
    }

    /**
     * An {@link SSLSocketFactory} for okhttp: each layered socket first waits for a ticket still being
     * collected for its {@code host:port} (until {@code deadlineNanos}), then is layered as {@link #layer}
     * does, its chain going to {@code recorder}. {@code offered} learns whether a resumption was offered.
     * It never opens a connection of its own: those go through the check's transport.
     */
    public SSLSocketFactory socketFactory(X509ExtendedTrustManager recorder, long deadlineNanos, Runnable offered) {
        SSLSocketFactory base = context.getSocketFactory();
        return new SSLSocketFactory() {
            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                awaitTicket(host, port, deadlineNanos);
                if (resumable(host, port)) {
                    offered.run();
                }
                SSLSocket tls = (SSLSocket) base.createSocket(s, host, port, autoClose);
                recorders.put(tls, recorder);
                return tls;
            }

            @Override
            public String[] getDefaultCipherSuites() {
                return base.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return base.getSupportedCipherSuites();
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                throw ownConnection();
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                throw ownConnection();
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                throw ownConnection();
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
                throw ownConnection();
            }
        };
    }

    /**
     * Loads the JSSE handshake code and the key-exchange code without sending anything: builds a
     * ClientHello in memory. Meant for a background thread while the DNS checks run; once per context.
     */
    public void warmUp() {
        if (!warm.compareAndSet(false, true)) {
            return;
        }
        try {
            SSLEngine engine = context.createSSLEngine("warm-up.invalid", 443);
            engine.setUseClientMode(true);
            engine.beginHandshake();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            engine.closeOutbound();
        } catch (IOException | RuntimeException e) {
            // a warm-up that fails costs the first handshake its class loading, nothing else
        }
    }

    private void readUntilTicket(SSLSocket tls, String host, int port, SSLSession own, long until) {
        try {
            tls.setSoTimeout(POLL_MS);
            InputStream in = tls.getInputStream();
            byte[] sink = new byte[256];
            while (System.nanoTime() < until) {
                if (cached(host, port, own)) {
                    resumableKeys.add(key(host, port));
                    return;
                }
                try {
                    if (in.read(sink) < 0) {
                        break; // the server closed: whatever ticket it sent has been read
                    }
                } catch (SocketTimeoutException e) {
                    // nothing yet; look at the cache again
                }
            }
            if (cached(host, port, own)) {
                resumableKeys.add(key(host, port));
            }
        } catch (IOException e) {
            // the connection broke: no ticket from it
        }
    }

    /** A cached, still valid session for host:port other than {@code except}. */
    private boolean cached(String host, int port, SSLSession except) {
        SSLSessionContext cache = context.getClientSessionContext();
        for (byte[] id : Collections.list(cache.getIds())) {
            SSLSession s = cache.getSession(id);
            if (s != null && s.isValid() && matches(s, host, port) && (except == null || !java.util.Arrays.equals(id, except.getId()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(SSLSession s, String host, int port) {
        return s.getPeerPort() == port && s.getPeerHost() != null && s.getPeerHost().equalsIgnoreCase(host);
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    private ExecutorService readers() {
        ExecutorService r = readers;
        if (r == null) {
            synchronized (this) {
                if (readers == null) {
                    ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), t -> {
                        Thread th = new Thread(t, "wscheck-tls-ticket");
                        th.setDaemon(true);
                        return th;
                    });
                    readers = pool;
                }
                r = readers;
            }
        }
        return r;
    }

    private static SocketException ownConnection() {
        return new SocketException("wscheck's TLS layer opens no connection of its own: it layers over the check's transport");
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to learn from this connection
        }
    }

    /** The context's trust manager: each handshake goes to the recorder of its socket, else to the PC's trust manager. */
    private final class Dispatch extends ClientSideTrustManager {
        Dispatch() {
            super(pcTrust);
        }

        private X509ExtendedTrustManager forSocket(Socket socket) {
            X509ExtendedTrustManager r = socket == null ? null : recorders.get(socket);
            return r == null ? pcTrust : r;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            forSocket(socket).checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            pcTrust.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pcTrust.checkServerTrusted(chain, authType);
        }
    }
}
