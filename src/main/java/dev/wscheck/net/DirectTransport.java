package dev.wscheck.net;

import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/** Connects straight to the resolved address, as a PC without a proxy does. */
public final class DirectTransport implements Transport {
    public static final DirectTransport INSTANCE = new DirectTransport();

    private DirectTransport() {}

    @Override
    public Socket connect(String host, int port, Optional<InetAddress> address, Duration timeout) throws IOException {
        InetAddress a = address.orElseThrow(() -> new ProbeException(Outcome.ERROR, "no resolved address to connect to"));
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(a, port), timeoutMillis(timeout));
            socket.setSoTimeout(timeoutMillis(timeout));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public Route route() {
        return Route.DIRECT;
    }

    @Override
    public String describe() {
        return "direct";
    }

    /** Returns a socket timeout in milliseconds, at least 1 (0 would mean "wait forever"). */
    public static int timeoutMillis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
