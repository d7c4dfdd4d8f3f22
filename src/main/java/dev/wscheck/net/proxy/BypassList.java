package dev.wscheck.net.proxy;

import dev.wscheck.net.NameResolver;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hosts that go direct although a proxy is configured: NO_PROXY, Windows' ProxyOverride, macOS'
 * ExceptionsList, GNOME's ignore-hosts, Java's http.nonProxyHosts. Each dialect is parsed into
 * the same entries. Matching never resolves a name: an address range matches IP literals only
 * (as curl and Windows do).
 */
public final class BypassList {
    private final List<Entry> entries;

    private BypassList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static BypassList empty() {
        return new BypassList(List.of());
    }

    /** One bypass rule, as written, and how it matches. */
    record Entry(String text, Kind kind, String value, Optional<Cidr> cidr) {}

    enum Kind { ALL, LOCAL, DOMAIN, GLOB, CIDR }

    /** An address range: the network bytes and the prefix length. */
    record Cidr(byte[] network, int prefix) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }
    }

    /**
     * NO_PROXY (curl's reading): comma- or space-separated; {@code *} alone means everything; a
     * name matches itself and every name under it (a leading dot is optional); an IP or CIDR
     * matches IP literals; a ":port" suffix is ignored.
     */
    public static BypassList noProxy(String value) {
        List<Entry> out = new ArrayList<>();
        for (String raw : value.split("[,\\s]+")) {
            String t = raw.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("*")) {
                out.add(new Entry(raw, Kind.ALL, "", Optional.empty()));
                continue;
            }
            Optional<Cidr> cidr = cidr(t);
            if (cidr.isPresent()) {
                out.add(new Entry(raw, Kind.CIDR, t, cidr));
                continue;
            }
            if (t.contains("*")) {
                out.add(new Entry(raw, Kind.GLOB, t, Optional.empty()));
                continue;
            }
            int colon = t.lastIndexOf(':');
            if (colon > 0 && !t.contains("]") && t.indexOf(':') == colon) {
                t = t.substring(0, colon);
            }
            out.add(new Entry(raw, Kind.DOMAIN, t.startsWith(".") ? t.substring(1) : t, Optional.empty()));
        }
        return new BypassList(out);
    }

    /**
     * Windows ProxyOverride / WinHTTP bypass list and Java's http.nonProxyHosts: entries separated
     * by ';' (or '|' for Java, ',' and spaces tolerated), {@code *} wildcards, and {@code <local>}
     * meaning names without a dot.
     */
    public static BypassList wildcards(String value) {
        List<Entry> out = new ArrayList<>();
        for (String raw : value.split("[;|,\\s]+")) {
            String t = raw.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("<local>")) {
                out.add(new Entry(raw, Kind.LOCAL, "", Optional.empty()));
            } else if (t.equals("*")) {
                out.add(new Entry(raw, Kind.ALL, "", Optional.empty()));
            } else if (cidr(t).isPresent()) {
                out.add(new Entry(raw, Kind.CIDR, t, cidr(t)));
            } else if (t.contains("*")) {
                out.add(new Entry(raw, Kind.GLOB, t, Optional.empty()));
            } else {
                out.add(new Entry(raw, Kind.GLOB, t, Optional.empty())); // an exact name or address
            }
        }
        return new BypassList(out);
    }

    /** macOS ExceptionsList and GNOME ignore-hosts: like {@link #wildcards}, one entry per item; "*.local" style. */
    public static BypassList items(List<String> items) {
        return wildcards(String.join(";", items));
    }

    /** Returns this list plus {@code other}'s entries. */
    public BypassList plus(BypassList other) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        return new BypassList(all);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries as written, for reports. */
    public List<String> texts() {
        return entries.stream().map(Entry::text).toList();
    }

    /** Returns the entry that sends {@code host} direct, if any. */
    public Optional<String> match(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        Optional<InetAddress> literal = NameResolver.literal(h);
        for (Entry e : entries) {
            boolean hit;
            switch (e.kind()) {
                case ALL:
                    hit = true;
                    break;
                case LOCAL:
                    hit = !h.contains(".") && !h.contains(":");
                    break;
                case CIDR:
                    hit = literal.isPresent() && e.cidr().orElseThrow().contains(literal.get());
                    break;
                case DOMAIN:
                    hit = h.equals(e.value()) || h.endsWith("." + e.value());
                    break;
                default:
                    hit = glob(e.value()).matcher(h).matches();
                    break;
            }
            if (hit) {
                return Optional.of(e.text());
            }
        }
        return Optional.empty();
    }

    /** A shell-style pattern: {@code *} any run of characters, {@code ?} one; everything else literal. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** "10.0.0.0/8", "169.254/16" (macOS' short form), "fd00::/8"; empty when not a CIDR or plain IP. */
    static Optional<Cidr> cidr(String text) {
        String t = text;
        int prefix = -1;
        int slash = t.indexOf('/');
        if (slash > 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            t = t.substring(0, slash);
        }
        if (t.matches("\\d{1,3}(\\.\\d{1,3}){0,3}") && (slash > 0 || t.chars().filter(c -> c == '.').count() == 3)) {
            String[] parts = t.split("\\.");
            StringBuilder full = new StringBuilder(t);
            for (int i = parts.length; i < 4; i++) {
                full.append(".0");
            }
            t = full.toString();
        }
        Optional<InetAddress> a = NameResolver.literal(t);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        int bits = a.get().getAddress().length * 8;
        if (prefix < 0) {
            prefix = bits;
        }
        if (prefix > bits) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(a.get().getAddress(), prefix));
    }
}
