package dev.wscheck.report.allowlist;

import dev.wscheck.catalog.ipranges.IpPrefix;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An nftables script that adds one named interval set per rule and family to an existing table
 * (created if missing) and refills it: loading it again replaces the elements, and touches no
 * chain. The rules that use the sets are printed as comments, because only the administrator
 * knows which chain (forward on a gateway, output on a host) they belong in.
 */
public final class NftAllowlist implements AllowlistFormat {
    private static final int PER_LINE = 4;
    private final String family;
    private final String table;

    /** {@code family} and {@code table} name the existing table, e.g. {@code inet} and {@code filter}. */
    public NftAllowlist(String family, String table) {
        this.family = family;
        this.table = table;
    }

    @Override
    public void write(Allowlist a, Writer w) {
        PrintWriter out = new PrintWriter(w);
        out.println("#!/usr/sbin/nft -f");
        List<String> head = new ArrayList<>(AllowlistFormat.header(a));
        head.add("");
        head.add("Adds named sets to table " + family + " " + table + " (created if missing) and refills them;");
        head.add("no chain is touched. Load with: nft -f <this file>. Then allow, in your own chain:");
        List<String> defs = new ArrayList<>();
        for (Allowlist.Rule r : a.rules()) {
            for (boolean v6 : new boolean[] {false, true}) {
                List<IpPrefix> prefixes = v6 ? r.ipv6() : r.ipv4();
                if (prefixes.isEmpty()) {
                    continue;
                }
                String set = setName(a, r, v6);
                String ports = r.portNumbers().stream().map(String::valueOf).collect(Collectors.joining(", "));
                boolean udp = r.ports().stream().anyMatch(p -> p.transport() == Allowlist.Transport.UDP);
                head.add("  " + (v6 ? "ip6" : "ip") + " daddr @" + set + " " + (udp ? "meta l4proto { tcp, udp } th dport" : "tcp dport")
                        + " { " + ports + " } accept");
                defs.add(set);
            }
        }
        if (a.ipRangesCreateDate().isEmpty()) {
            head.add("(No ip-ranges.json was available: the port 443 set is missing. Run 'wscheck ip-ranges update'.)");
        }
        AllowlistFormat.comments(out, "# ", head);
        out.println();
        out.println("table " + family + " " + table + " {");
        boolean first = true;
        for (Allowlist.Rule r : a.rules()) {
            for (boolean v6 : new boolean[] {false, true}) {
                if ((v6 ? r.ipv6() : r.ipv4()).isEmpty()) {
                    continue;
                }
                if (!first) {
                    out.println();
                }
                first = false;
                out.println("  # " + r.title() + ": " + AllowlistFormat.ports(r) + ", " + AllowlistFormat.proxyNote(r));
                out.println("  set " + setName(a, r, v6) + " {");
                out.println("    type " + (v6 ? "ipv6_addr" : "ipv4_addr"));
                out.println("    flags interval");
                out.println("  }");
            }
        }
        out.println("}");
        for (Allowlist.Rule r : a.rules()) {
            for (boolean v6 : new boolean[] {false, true}) {
                List<IpPrefix> prefixes = v6 ? r.ipv6() : r.ipv4();
                if (prefixes.isEmpty()) {
                    continue;
                }
                String set = family + " " + table + " " + setName(a, r, v6);
                out.println();
                out.println("flush set " + set);
                out.println("add element " + set + " {");
                for (int i = 0; i < prefixes.size(); i += PER_LINE) {
                    List<IpPrefix> chunk = prefixes.subList(i, Math.min(prefixes.size(), i + PER_LINE));
                    out.println("  " + chunk.stream().map(IpPrefix::toString).collect(Collectors.joining(", "))
                            + (i + PER_LINE < prefixes.size() ? "," : ""));
                }
                out.println("}");
            }
        }
        out.flush();
    }

    /** ws_ap_northeast_1_pcoip_v4: letters, digits and underscores only, as nft names must be. */
    static String setName(Allowlist a, Allowlist.Rule r, boolean v6) {
        return "ws_" + a.region().replace('-', '_') + "_" + r.id().replace('-', '_') + (v6 ? "_v6" : "_v4");
    }
}
