package dev.wscheck.fuzz;

import dev.wscheck.fixtures.TcpFixture;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A one-connection server on 127.0.0.1 that reads what the client sends (briefly), answers with
 * fixed bytes, and closes: a proxy whose reply is the fuzz input.
 */
final class ReplyServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;

    ReplyServer(byte[] reply) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(TcpFixture.loopback(), 0));
        thread = new Thread(() -> serve(reply), "fuzz-reply-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(byte[] reply) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(100);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            try {
                in.read(buf);
            } catch (SocketTimeoutException e) {
                // the client said nothing yet: answer anyway
            }
            s.getOutputStream().write(reply);
            s.getOutputStream().flush();
            s.shutdownOutput();
            try {
                while (in.read(buf) >= 0) {
                    // drain until the client closes, so it reads the reply before a reset
                }
            } catch (IOException e) {
                // the client is gone
            }
        } catch (IOException e) {
            // closed before a client came, or the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
