package dev.wscheck.verdict;

import dev.wscheck.catalog.IpRanges;
import dev.wscheck.probe.Outcome;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a DNS answer for a WorkSpaces name lies where AWS says its addresses are. A name AWS
 * serves (see {@link #AWS_ZONES}) that resolves to 0.0.0.0, loopback or a private address is
 * sinkholed (fail; the DNS probe normally says so itself); one that resolves to a public address
 * in no range of ip-ranges.json is suspicious: a DNS filter, a hosts-file entry or a stale record
 * may be sending the client elsewhere, so it is {@code dns-sinkholed} with status warn. Pure.
 */
public final class DnsAnswerRule {
    /**
     * Zones AWS serves from its published ranges. Names under amazon.com (log service, device
     * metrics) are left out on purpose: Amazon's retail network is not all in ip-ranges.json.
     */
    static final List<String> AWS_ZONES = List.of("amazonaws.com", "amazonworkspaces.com", "api.aws", "signin.aws",
            "cloudfront.net", "a2z.com", "awsapps.com");

    private DnsAnswerRule() {}

    /** The refined judgement of a DNS answer. */
    public record Judgement(Outcome outcome, Status status, String detail) {}

    /** Judges {@code host}'s answer {@code address}; empty when there is nothing to say. */
    public static Optional<Judgement> judge(String host, InetAddress address, IpRanges ranges) {
        if (!servedByAws(host)) {
            return Optional.empty();
        }
        String a = address.getHostAddress();
        Optional<String> special = special(address);
        if (special.isPresent()) {
            return Optional.of(new Judgement(Outcome.DNS_SINKHOLED, Status.FAIL,
                    host + " resolves to " + a + ", " + special.get() + ": a DNS filter or a hosts-file entry is blocking it"));
        }
        if (ranges.contains(address)) {
            return Optional.empty();
        }
        return Optional.of(new Judgement(Outcome.DNS_SINKHOLED, Status.WARN,
                host + " resolves to " + a + ", which lies in no range AWS publishes (ip-ranges.json createDate " + ranges.createDate()
                        + "): a DNS filter, a hosts-file entry or a stale record may be sending the client elsewhere"));
    }

    static boolean servedByAws(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (String zone : AWS_ZONES) {
            if (h.equals(zone) || h.endsWith("." + zone)) {
                return true;
            }
        }
        return false;
    }

    /** Why an address can never be a genuine AWS answer, if it cannot. */
    static Optional<String> special(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (a.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (a.isSiteLocalAddress() || a.isLinkLocalAddress()) {
            return Optional.of("a private address");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return Optional.of("a private (unique local) address");
        }
        if (a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return Optional.of("a carrier-grade NAT address");
        }
        return Optional.empty();
    }
}
