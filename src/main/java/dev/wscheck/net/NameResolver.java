package dev.wscheck.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves the few names that are not check targets: a proxy's own host name, and the names a
 * PAC script asks about ({@code dnsResolve}, {@code isInNet}). Never the operating system's
 * resolver: {@link #dnsjava} asks the run's DNS servers, so tests (which pass the DNS fixture)
 * never leak a query, and the report's DNS servers are the ones really used. IP literals are
 * parsed, never looked up.
 */
@FunctionalInterface
public interface NameResolver {
    Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Returns the addresses of {@code host} (IPv4 first); throws UnknownHostException when there are none. */
    List<InetAddress> resolve(String host, Duration timeout) throws IOException;

    /**
     * Every address of {@code host}, IPv4 and IPv6 (PAC's dnsResolveEx); by default what
     * {@link #resolve} answers.
     */
    default List<InetAddress> resolveAll(String host, Duration timeout) throws IOException {
        return resolve(host, timeout);
    }

    /** A resolver that knows IP literals only; a name is an UnknownHostException. */
    static NameResolver literalsOnly() {
        return (host, timeout) -> literal(host).map(List::of)
                .orElseThrow(() -> new UnknownHostException(host + ": no DNS servers to resolve it with"));
    }

    /** Asks {@code servers} in order for A, then AAAA records of the name; IP literals need no query. */
    static NameResolver dnsjava(DnsServers servers) {
        return new NameResolver() {
            @Override
            public List<InetAddress> resolve(String host, Duration timeout) throws IOException {
                return lookup(servers, host, timeout, false);
            }

            @Override
            public List<InetAddress> resolveAll(String host, Duration timeout) throws IOException {
                return lookup(servers, host, timeout, true);
            }
        };
    }

    /** A, then AAAA records of {@code host}; with {@code both}, AAAA is asked even when A answered. */
    private static List<InetAddress> lookup(DnsServers servers, String host, Duration timeout, boolean both) throws IOException {
        {
            Optional<InetAddress> lit = literal(host);
            if (lit.isPresent()) {
                return List.of(lit.get());
            }
            Name name;
            try {
                name = Name.fromString(host.endsWith(".") ? host : host + ".");
            } catch (TextParseException e) {
                throw new UnknownHostException(host + ": not a valid name");
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            List<InetAddress> out = new ArrayList<>();
            String lastProblem = "no DNS servers configured";
            for (int type : new int[] {Type.A, Type.AAAA}) {
                for (InetSocketAddress server : servers.servers()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 1_000_000L) {
                        break;
                    }
                    try {
                        SimpleResolver r = new SimpleResolver(server);
                        r.setTimeout(Duration.ofNanos(left));
                        Message answer = r.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
                        if (answer.getRcode() != Rcode.NOERROR) {
                            lastProblem = Rcode.string(answer.getRcode()) + " from " + server.getAddress().getHostAddress();
                            continue;
                        }
                        for (Record rec : answer.getSection(Section.ANSWER)) {
                            if (rec instanceof ARecord a) {
                                out.add(a.getAddress());
                            } else if (rec instanceof AAAARecord a) {
                                out.add(a.getAddress());
                            }
                        }
                        break; // this server answered; do not ask the next for the same type
                    } catch (IOException e) {
                        lastProblem = "no answer from " + server.getAddress().getHostAddress();
                    }
                }
                if (!out.isEmpty() && !both) {
                    return out;
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
            throw new UnknownHostException(host + " does not resolve (" + lastProblem + ")");
        }
    }

    /** Returns the address of an IPv4 or IPv6 literal without any lookup; empty for names. */
    public static Optional<InetAddress> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            if (IPV4.matcher(h).matches()) {
                String[] parts = h.split("\\.");
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(parts[i]);
                    if (v > 255) {
                        return Optional.empty();
                    }
                    b[i] = (byte) v;
                }
                return Optional.of(InetAddress.getByAddress(b));
            }
            if (h.contains(":") && h.matches("[0-9a-fA-F:.]+")) {
                return Optional.of(InetAddress.getByName(h)); // a literal: parsed, never looked up
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
