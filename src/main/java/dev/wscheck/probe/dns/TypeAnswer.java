package dev.wscheck.probe.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * One server's answer for one record type (A or AAAA) of a name, after following CNAMEs.
 *
 * @param rcode the rcode of the last response in the chain ({@link Rcode})
 * @param authoritative whether that response had the AA flag
 * @param chain the queried name followed by each CNAME target, in order; empty without CNAMEs
 * @param addresses the records of the requested type at the end of the chain
 * @param minTtl the lowest TTL among the CNAME and address records used; -1 when there were none
 * @param problem why the chain could not be followed (a loop, too many hops); empty when it could
 * @param answeredBy the server that sent the last response, as dnsjava records it ({@code Message.getResolver()})
 */
record TypeAnswer(int rcode, boolean authoritative, List<Name> chain, List<InetAddress> addresses, long minTtl,
        Optional<String> problem, Optional<InetSocketAddress> answeredBy) {
    TypeAnswer {
        chain = List.copyOf(chain);
        addresses = List.copyOf(addresses);
    }

    /** Returns the rcode's name, e.g. {@code NXDOMAIN}. */
    String rcodeName() {
        return Rcode.string(rcode);
    }
}
