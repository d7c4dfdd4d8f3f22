package dev.wscheck.net;

import dev.wscheck.probe.Outcome;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP CONNECT and SOCKS5 transports share: reaching the proxy (its name resolved with
 * the run's DNS servers, never the OS resolver; every failure there is {@code proxy-unreachable}),
 * one time budget for the whole connect, and the {@link Transport} contract for the socket handed
 * back: a blocking byte pipe to the target with nothing of the proxy's reply left unread, its
 * read timeout set to the caller's timeout.
 *
 * <p>Subclasses implement {@link #handshake} with plain blocking reads on the socket's own input
 * stream (no buffering: a buffer could swallow the first bytes of the tunnelled TLS).
 */
abstract class ProxyTransport implements Transport {
    protected final ProxyEndpoint proxy;
    protected final Optional<ProxyCredentials> credentials;
    private final NameResolver resolver;

    ProxyTransport(ProxyEndpoint proxy, Optional<ProxyCredentials> credentials, NameResolver resolver) {
        this.proxy = proxy;
        this.credentials = credentials;
        this.resolver = resolver;
    }

    public ProxyEndpoint endpoint() {
        return proxy;
    }

    public Optional<ProxyCredentials> credentials() {
        return credentials;
    }

    /** The target address is ignored: the proxy resolves the target's name itself. */
    @Override
    public final Socket connect(String host, int port, Optional<InetAddress> address, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String where = describe() + " => " + hostPort(host, port);
        Socket s = openToProxy(where, timeout, deadline);
        try {
            handshake(s, host, port, where, timeout, deadline);
            s.setSoTimeout(DirectTransport.timeoutMillis(timeout));
            return s;
        } catch (ProxyException e) {
            closeQuietly(s);
            throw e;
        } catch (SocketTimeoutException e) {
            closeQuietly(s);
            throw new ProxyException(Outcome.PROXY_ERROR, where, "no answer from the proxy within " + timeout.toMillis()
                    + " ms (it accepted the connection; it may still be trying to reach " + hostPort(host, port) + ")", e);
        } catch (IOException e) {
            closeQuietly(s);
            throw new ProxyException(Outcome.PROXY_ERROR, where, "the connection to the proxy broke off: " + message(e), e);
        }
    }

    /**
     * Opens a plain connection to the proxy itself, for a request the proxy forwards (an HTTP proxy's
     * absolute-form {@code GET http://host/path}, which is how clients fetch plain-HTTP URLs such as
     * revocation lists: many proxies refuse CONNECT to port 80). {@code target} names what is asked for.
     */
    public final Socket openForwarding(String target, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        return openToProxy(describe() + " => " + target, timeout, deadline);
    }

    /** Asks the proxy for a connection to host:port on {@code s}; on return, s is a pipe to the target. */
    abstract void handshake(Socket s, String host, int port, String where, Duration timeout, long deadline) throws IOException;

    @Override
    public final Route route() {
        return Route.PROXY;
    }

    @Override
    public final String describe() {
        return proxy.describe();
    }

    @Override
    public final boolean resolvesRemotely() {
        return true;
    }

    private Socket openToProxy(String where, Duration timeout, long deadline) throws IOException {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(proxy.host(), remaining(deadline));
        } catch (IOException e) {
            throw new ProxyException(Outcome.PROXY_UNREACHABLE, where, "cannot resolve the proxy's name: " + message(e), e);
        }
        IOException last = new UnknownHostException(proxy.host());
        for (InetAddress a : addresses) {
            if (deadline - System.nanoTime() <= 0) {
                break;
            }
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(a, proxy.port()), millisLeft(deadline));
                s.setSoTimeout(millisLeft(deadline));
                return s;
            } catch (IOException e) {
                closeQuietly(s);
                last = e;
            }
        }
        throw new ProxyException(Outcome.PROXY_UNREACHABLE, where, "the proxy cannot be reached: " + unreachable(last, timeout), last);
    }

    private static String unreachable(IOException e, Duration timeout) {
        if (e instanceof SocketTimeoutException || (e instanceof ConnectException && String.valueOf(e.getMessage()).contains("timed out"))) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route (" + message(e) + ")";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return message(e);
    }

    /** Reads exactly {@code n} bytes, or fails with EOFException naming what was expected. */
    static byte[] readFully(InputStream in, int n, String what) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new EOFException(off == 0 ? "closed before " + what : "closed in the middle of " + what);
            }
            off += r;
        }
        return b;
    }

    /** Before each blocking read: the socket may wait only for what is left of the budget. */
    static void budget(Socket s, long deadline) throws SocketException {
        s.setSoTimeout(millisLeft(deadline));
    }

    static int millisLeft(long deadline) {
        long ms = (deadline - System.nanoTime()) / 1_000_000L;
        if (ms <= 0) {
            return 1;
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
    }

    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Shows at most 60 characters of an unexpected answer, non-printable bytes as dots. */
    static String printable(byte[] bytes, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(length, 60); i++) {
            int c = bytes[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return sb.toString().trim();
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing more to learn from this connection
        }
    }
}
