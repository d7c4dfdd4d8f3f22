package dev.wscheck.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import javax.net.SocketFactory;

/**
 * Lets okhttp open its connections through a {@link Transport}, so that the HTTPS probe goes
 * through the same seam (direct, HTTP CONNECT proxy, SOCKS5) as every other probe while okhttp
 * believes it connects directly.
 *
 * <p>How it works: okhttp asks the factory for an unconnected socket, then calls
 * {@code connect(InetSocketAddress, timeout)} with the address its {@code Dns} returned. The
 * socket handed out here does not connect itself: it calls
 * {@link Transport#connect Transport.connect(host, port, address, timeout)} and from then on
 * forwards every operation to the socket the transport returned. The host name travels inside
 * the {@link InetAddress} (see {@link #addressFor}), so a proxy transport still gets the name and
 * the probe never calls the system resolver. TLS is layered by okhttp over this socket, so a
 * proxy transport must return a socket that is already a byte pipe to {@code host:port} (after
 * its CONNECT or SOCKS exchange), with nothing left unread from the proxy's reply.
 *
 * <p>One factory per client is fine; it is thread-safe and holds no per-connection state.
 */
public final class TransportSocketFactory extends SocketFactory {
    /** The address given to okhttp when the local DNS answer is not used (a proxy resolves): 0.0.0.0 plus the name. */
    private static final byte[] UNRESOLVED = {0, 0, 0, 0};

    private final Transport transport;
    private final Duration maxConnectTimeout;

    /**
     * @param transport the transport every connection goes through
     * @param maxConnectTimeout the longest a connect may take, whatever okhttp asks for
     */
    public TransportSocketFactory(Transport transport, Duration maxConnectTimeout) {
        this.transport = transport;
        this.maxConnectTimeout = maxConnectTimeout;
    }

    /**
     * Returns the address okhttp's {@code Dns} should answer for {@code host}: the address the
     * check's DNS step resolved, carrying the host name; or, when there is none (a proxy resolves
     * names itself), a placeholder 0.0.0.0 carrying the host name, which the socket recognises and
     * turns back into "no address". Never resolves anything.
     */
    public static InetAddress addressFor(String host, Optional<InetAddress> resolved) throws UnknownHostException {
        return InetAddress.getByAddress(host, resolved.map(InetAddress::getAddress).orElse(UNRESOLVED));
    }

    @Override
    public Socket createSocket() {
        return new TransportSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(InetSocketAddress.createUnresolved(host, port), 0);
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw new SocketException("binding a local address is not supported through " + transport.describe());
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port), 0);
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        throw new SocketException("binding a local address is not supported through " + transport.describe());
    }

    /**
     * An unconnected socket that connects through the transport and then forwards to the socket
     * it got. Options set before the connect (okhttp sets the read timeout first) are applied
     * once connected.
     */
    private final class TransportSocket extends Socket {
        private volatile Socket delegate;
        private volatile boolean closed;
        private int pendingSoTimeout;
        private boolean pendingNoDelay = true;

        @Override
        public void connect(SocketAddress endpoint) throws IOException {
            connect(endpoint, 0);
        }

        @Override
        public void connect(SocketAddress endpoint, int timeoutMillis) throws IOException {
            if (!(endpoint instanceof InetSocketAddress isa)) {
                throw new SocketException("unsupported address type " + endpoint);
            }
            if (closed) {
                throw new SocketException("Socket is closed");
            }
            if (delegate != null) {
                throw new SocketException("already connected");
            }
            // getHostString never does a reverse lookup: it is the name addressFor() put in.
            String host = isa.getHostString();
            Optional<InetAddress> address = Optional.empty();
            InetAddress a = isa.getAddress();
            if (a != null && !a.isAnyLocalAddress()) {
                address = Optional.of(InetAddress.getByAddress(a.getAddress()));
            }
            long max = maxConnectTimeout.toMillis();
            Duration timeout = Duration.ofMillis(timeoutMillis <= 0 ? max : Math.min(timeoutMillis, max));
            Socket s = transport.connect(host, isa.getPort(), address, timeout);
            synchronized (this) {
                if (closed) {
                    s.close();
                    throw new SocketException("Socket closed while connecting");
                }
                if (pendingSoTimeout > 0) {
                    s.setSoTimeout(pendingSoTimeout);
                }
                s.setTcpNoDelay(pendingNoDelay);
                delegate = s;
            }
        }

        @Override
        public void bind(SocketAddress bindpoint) throws IOException {
            throw new SocketException("binding is not supported through " + transport.describe());
        }

        private Socket connected() throws SocketException {
            Socket s = delegate;
            if (s == null) {
                throw new SocketException(closed ? "Socket is closed" : "Socket is not connected");
            }
            return s;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return connected().getInputStream();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return connected().getOutputStream();
        }

        @Override
        public void close() throws IOException {
            Socket s;
            synchronized (this) {
                closed = true;
                s = delegate;
            }
            if (s != null) {
                s.close();
            }
        }

        @Override
        public boolean isConnected() {
            Socket s = delegate;
            return s != null && s.isConnected();
        }

        @Override
        public boolean isBound() {
            Socket s = delegate;
            return s != null && s.isBound();
        }

        @Override
        public boolean isClosed() {
            Socket s = delegate;
            return closed || (s != null && s.isClosed());
        }

        @Override
        public synchronized void setSoTimeout(int timeout) throws SocketException {
            if (delegate != null) {
                delegate.setSoTimeout(timeout);
            } else {
                pendingSoTimeout = timeout;
            }
        }

        @Override
        public synchronized int getSoTimeout() throws SocketException {
            return delegate != null ? delegate.getSoTimeout() : pendingSoTimeout;
        }

        @Override
        public synchronized void setTcpNoDelay(boolean on) throws SocketException {
            if (delegate != null) {
                delegate.setTcpNoDelay(on);
            } else {
                pendingNoDelay = on;
            }
        }

        @Override
        public synchronized boolean getTcpNoDelay() throws SocketException {
            return delegate != null ? delegate.getTcpNoDelay() : pendingNoDelay;
        }

        @Override
        public void setKeepAlive(boolean on) throws SocketException {
            connected().setKeepAlive(on);
        }

        @Override
        public boolean getKeepAlive() throws SocketException {
            return connected().getKeepAlive();
        }

        @Override
        public void setSoLinger(boolean on, int linger) throws SocketException {
            connected().setSoLinger(on, linger);
        }

        @Override
        public int getSoLinger() throws SocketException {
            return connected().getSoLinger();
        }

        @Override
        public void setReceiveBufferSize(int size) throws SocketException {
            connected().setReceiveBufferSize(size);
        }

        @Override
        public int getReceiveBufferSize() throws SocketException {
            return connected().getReceiveBufferSize();
        }

        @Override
        public void setSendBufferSize(int size) throws SocketException {
            connected().setSendBufferSize(size);
        }

        @Override
        public int getSendBufferSize() throws SocketException {
            return connected().getSendBufferSize();
        }

        @Override
        public void shutdownInput() throws IOException {
            connected().shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            connected().shutdownOutput();
        }

        @Override
        public boolean isInputShutdown() {
            Socket s = delegate;
            return s != null && s.isInputShutdown();
        }

        @Override
        public boolean isOutputShutdown() {
            Socket s = delegate;
            return s != null && s.isOutputShutdown();
        }

        @Override
        public InetAddress getInetAddress() {
            Socket s = delegate;
            return s == null ? null : s.getInetAddress();
        }

        @Override
        public int getPort() {
            Socket s = delegate;
            return s == null ? 0 : s.getPort();
        }

        @Override
        public InetAddress getLocalAddress() {
            Socket s = delegate;
            return s == null ? InetAddress.getLoopbackAddress() : s.getLocalAddress();
        }

        @Override
        public int getLocalPort() {
            Socket s = delegate;
            return s == null ? -1 : s.getLocalPort();
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            Socket s = delegate;
            return s == null ? null : s.getRemoteSocketAddress();
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            Socket s = delegate;
            return s == null ? null : s.getLocalSocketAddress();
        }

        @Override
        public SocketChannel getChannel() {
            return null;
        }

        @Override
        public String toString() {
            Socket s = delegate;
            return "TransportSocket[" + transport.describe() + (s == null ? ", unconnected" : ", " + s) + "]";
        }
    }
}
