package dev.wscheck.net;

import dev.wscheck.probe.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Connects through a SOCKS5 proxy (RFC 1928) with the CONNECT command, sending the target's
 * name (address type 3) so that the proxy resolves it, and username/password authentication
 * (RFC 1929) when credentials are given. Every reply code has its outcome:
 * <ul>
 *   <li>method 0xFF (no acceptable method): {@code proxy-auth-required} when wscheck offered no
 *       credentials, {@code proxy-auth-unsupported} when it offered username/password as well;</li>
 *   <li>RFC 1929 status other than 0: {@code proxy-auth-required} (credentials rejected);</li>
 *   <li>reply 2 (not allowed by ruleset): {@code proxy-denied};</li>
 *   <li>replies 1, 3-8 (failure, network/host unreachable, refused, TTL expired, command or
 *       address type not supported): {@code proxy-error}, the detail naming the reply;</li>
 *   <li>a version byte other than 5, a closed connection or silence: {@code proxy-error}.</li>
 * </ul>
 * The whole reply, bound address included, is read exactly, so the socket handed back holds
 * nothing but the target's bytes.
 */
public final class Socks5Transport extends ProxyTransport {
    private static final int NO_AUTH = 0x00;
    private static final int USER_PASS = 0x02;
    private static final int NONE_ACCEPTABLE = 0xFF;

    public Socks5Transport(ProxyEndpoint proxy, Optional<ProxyCredentials> credentials, NameResolver resolver) {
        super(proxy, credentials, resolver);
        if (proxy.kind() != ProxyEndpoint.Kind.SOCKS5) {
            throw new IllegalArgumentException(proxy.describe() + " is not a SOCKS5 proxy");
        }
    }

    /** The meaning of each CONNECT reply code (RFC 1928 §6). */
    static String replyText(int code) {
        switch (code) {
            case 1:
                return "general SOCKS server failure";
            case 2:
                return "connection not allowed by ruleset";
            case 3:
                return "network unreachable";
            case 4:
                return "host unreachable";
            case 5:
                return "connection refused";
            case 6:
                return "TTL expired";
            case 7:
                return "command not supported";
            case 8:
                return "address type not supported";
            default:
                return "unassigned reply code";
        }
    }

    @Override
    void handshake(Socket s, String host, int port, String where, Duration timeout, long deadline) throws IOException {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        byte[] greeting = credentials.isPresent() ? new byte[] {5, 2, NO_AUTH, USER_PASS} : new byte[] {5, 1, NO_AUTH};
        out.write(greeting);
        out.flush();
        budget(s, deadline);
        byte[] choice = readReply(in, 2, "its choice of authentication method", where);
        checkVersion(choice[0], 5, where);
        int method = choice[1] & 0xff;
        if (method == NONE_ACCEPTABLE) {
            if (credentials.isEmpty()) {
                throw new ProxyException(Outcome.PROXY_AUTH_REQUIRED, where,
                        "the SOCKS5 proxy requires authentication (no acceptable method without credentials)");
            }
            throw new ProxyException(Outcome.PROXY_AUTH_UNSUPPORTED, where,
                    "the SOCKS5 proxy accepts neither no authentication nor username/password (GSSAPI only?)");
        }
        if (method == USER_PASS && credentials.isPresent()) {
            authenticate(s, in, out, where, deadline);
        } else if (method != NO_AUTH) {
            throw new ProxyException(Outcome.PROXY_ERROR, where, "the SOCKS5 proxy chose method " + method + ", which wscheck did not offer");
        }

        byte[] request = connectRequest(host, port);
        out.write(request);
        out.flush();
        budget(s, deadline);
        byte[] head = readReply(in, 4, "its reply to CONNECT", where);
        checkVersion(head[0], 5, where);
        int rep = head[1] & 0xff;
        int atyp = head[3] & 0xff;
        // Read the bound address and port whatever the reply, so that nothing is left unread.
        int addrLen;
        switch (atyp) {
            case 1:
                addrLen = 4;
                break;
            case 4:
                addrLen = 16;
                break;
            case 3:
                addrLen = readReply(in, 1, "the bound address length", where)[0] & 0xff;
                break;
            default:
                if (rep != 0) {
                    addrLen = -1; // a failure reply with a bogus address type: nothing more to read
                    break;
                }
                throw new ProxyException(Outcome.PROXY_ERROR, where, "the SOCKS5 proxy replied with unknown address type " + atyp);
        }
        if (addrLen >= 0) {
            readReply(in, addrLen + 2, "the bound address", where);
        }
        if (rep == 0) {
            return;
        }
        String text = "SOCKS5 reply " + rep + " (" + replyText(rep) + ")";
        if (rep == 2) {
            throw new ProxyException(Outcome.PROXY_DENIED, where, text + "; allow " + hostPort(host, port) + " on the proxy");
        }
        String meaning = rep >= 3 && rep <= 6 ? ": the proxy could not open a connection to " + hostPort(host, port) : "";
        throw new ProxyException(Outcome.PROXY_ERROR, where, text + meaning);
    }

    private void authenticate(Socket s, InputStream in, OutputStream out, String where, long deadline) throws IOException {
        ProxyCredentials c = credentials.orElseThrow();
        byte[] user = c.user().getBytes(StandardCharsets.UTF_8);
        byte[] pass = c.passwordBytes();
        try {
            if (user.length > 255 || pass.length > 255) {
                throw new ProxyException(Outcome.PROXY_ERROR, where, "SOCKS5 user names and passwords are limited to 255 bytes");
            }
            byte[] msg = new byte[3 + user.length + pass.length];
            msg[0] = 1;
            msg[1] = (byte) user.length;
            System.arraycopy(user, 0, msg, 2, user.length);
            msg[2 + user.length] = (byte) pass.length;
            System.arraycopy(pass, 0, msg, 3 + user.length, pass.length);
            out.write(msg);
            out.flush();
            Arrays.fill(msg, (byte) 0);
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
        budget(s, deadline);
        byte[] status = readReply(in, 2, "its answer to the username/password", where);
        if ((status[1] & 0xff) != 0) {
            throw new ProxyException(Outcome.PROXY_AUTH_REQUIRED, where, "the SOCKS5 proxy rejected the credentials of user '"
                    + c.user() + "' (status " + (status[1] & 0xff) + ")");
        }
    }

    /** VER 5, CMD 1 (CONNECT), RSV, then the target: a literal address as such, a name as type 3. */
    static byte[] connectRequest(String host, int port) throws IOException {
        Optional<InetAddress> literal = NameResolver.literal(host);
        byte[] addr;
        byte atyp;
        if (literal.isPresent()) {
            addr = literal.get().getAddress();
            atyp = (byte) (addr.length == 4 ? 1 : 4);
        } else {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            if (name.length > 255) {
                throw new IOException("host name longer than 255 bytes: " + host);
            }
            addr = new byte[name.length + 1];
            addr[0] = (byte) name.length;
            System.arraycopy(name, 0, addr, 1, name.length);
            atyp = 3;
        }
        byte[] req = new byte[4 + addr.length + 2];
        req[0] = 5;
        req[1] = 1;
        req[2] = 0;
        req[3] = atyp;
        System.arraycopy(addr, 0, req, 4, addr.length);
        req[req.length - 2] = (byte) (port >> 8);
        req[req.length - 1] = (byte) port;
        return req;
    }

    private static byte[] readReply(InputStream in, int n, String what, String where) throws IOException {
        try {
            return readFully(in, n, what);
        } catch (java.io.EOFException e) {
            throw new ProxyException(Outcome.PROXY_ERROR, where, "the SOCKS5 proxy " + e.getMessage().replace("closed", "closed the connection"), e);
        }
    }

    private static void checkVersion(byte version, int expected, String where) throws ProxyException {
        if ((version & 0xff) != expected) {
            throw new ProxyException(Outcome.PROXY_ERROR, where, "the answer is not SOCKS5 (version byte " + (version & 0xff)
                    + "; is this a SOCKS5 proxy port?)");
        }
    }
}
