package dev.wscheck.net;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A proxy user and password. The password never leaves this class as text: it is only encoded
 * into the bytes a proxy protocol needs (Basic, RFC 1929), and {@link #toString()} shows the user
 * alone, so a stray log or detail line cannot carry it.
 */
public final class ProxyCredentials {
    private final String user;
    private final char[] password;

    public ProxyCredentials(String user, char[] password) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("proxy user must not be empty");
        }
        this.user = user;
        this.password = password.clone();
    }

    public String user() {
        return user;
    }

    /** Returns the value of a {@code Proxy-Authorization} header: "Basic base64(user:password)". */
    public String basicAuthorization() {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = passwordBytes();
        byte[] joined = new byte[u.length + 1 + p.length];
        System.arraycopy(u, 0, joined, 0, u.length);
        joined[u.length] = ':';
        System.arraycopy(p, 0, joined, u.length + 1, p.length);
        String header = "Basic " + Base64.getEncoder().encodeToString(joined);
        Arrays.fill(p, (byte) 0);
        Arrays.fill(joined, (byte) 0);
        return header;
    }

    /** Returns the password as UTF-8 bytes (RFC 1929 sends them as they are); the caller wipes them. */
    public byte[] passwordBytes() {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }

    /** Returns true when {@code text} contains the password (for tests and output checks); false for an empty password. */
    public boolean appearsIn(String text) {
        return password.length > 0 && text.contains(new String(password));
    }

    @Override
    public String toString() {
        return "user " + user + " (password not shown)";
    }
}
