package dev.wscheck.probe.dns;

import dev.wscheck.probe.Evidence;
import java.util.List;

/**
 * What the DNS probe saw on the wire. Servers are written {@code ip:port} ({@code [v6]:port}),
 * names without the root's trailing dot, addresses in their textual form.
 *
 * @param name the name queried
 * @param serverSource where the servers came from: {@code system} or {@code explicit} (--dns-server)
 * @param serversTried the servers asked, in order
 * @param serverFailures one line per server that gave no usable answer: {@code ip:port: why}
 * @param server the server whose answer counts; empty when none answered
 * @param rcodeA the rcode of the A answer ({@code NOERROR}, {@code NXDOMAIN}, ...); {@code no answer}
 *     when only that query went unanswered; empty when no server answered
 * @param rcodeAaaa the same for AAAA
 * @param authoritative whether the counted answer carried the AA flag (A's, else AAAA's)
 * @param cnameChain the queried name and each CNAME target in order; empty when there was no CNAME
 * @param a the IPv4 addresses at the end of the chain
 * @param aaaa the IPv6 addresses at the end of the chain
 * @param minTtlSeconds the lowest TTL among the records used; -1 when there were none
 * @param osLookup what the operating system's resolver said: {@code ok}, {@code not asked (explicit
 *     servers)}, {@code unknown host (...)}, {@code no answer within N ms}, {@code failed (...)}
 * @param osAddresses the addresses the operating system's resolver returned
 * @param stub the operating system's retry schedule the queries followed, e.g. {@code glibc timeout:5
 *     attempts:2} (docs/probes-dns.md); empty when nothing was sent
 * @param sends every datagram sent, in order: server, record type, when (ms after the probe
 *     started) and what came of it ({@code NOERROR after 3 ms}, {@code no answer}, {@code port
 *     unreachable (ICMP) ...})
 */
public record DnsEvidence(
        String name,
        String serverSource,
        List<String> serversTried,
        List<String> serverFailures,
        String server,
        String rcodeA,
        String rcodeAaaa,
        boolean authoritative,
        List<String> cnameChain,
        List<String> a,
        List<String> aaaa,
        long minTtlSeconds,
        String osLookup,
        List<String> osAddresses,
        String stub,
        List<Send> sends) implements Evidence {

    /** One datagram sent to a server: where, which query, when, and what came of it. */
    public record Send(String server, String type, long atMs, String result) {}

    /** Without sends (an IP literal, nothing asked). */
    public DnsEvidence(String name, String serverSource, List<String> serversTried, List<String> serverFailures, String server,
                       String rcodeA, String rcodeAaaa, boolean authoritative, List<String> cnameChain, List<String> a, List<String> aaaa,
                       long minTtlSeconds, String osLookup, List<String> osAddresses) {
        this(name, serverSource, serversTried, serverFailures, server, rcodeA, rcodeAaaa, authoritative, cnameChain, a, aaaa,
                minTtlSeconds, osLookup, osAddresses, "", List.of());
    }

    public DnsEvidence {
        serversTried = List.copyOf(serversTried);
        serverFailures = List.copyOf(serverFailures);
        cnameChain = List.copyOf(cnameChain);
        a = List.copyOf(a);
        aaaa = List.copyOf(aaaa);
        osAddresses = List.copyOf(osAddresses);
        sends = List.copyOf(sends);
    }
}
