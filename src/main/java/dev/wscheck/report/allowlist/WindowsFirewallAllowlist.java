package dev.wscheck.report.allowlist;

import dev.wscheck.catalog.ipranges.IpPrefix;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A PowerShell script (NetSecurity module, Windows 8 / Server 2012 and later) that creates
 * outbound allow rules by remote address, in one rule group so that running it again replaces
 * them. Windows Firewall filters by address, not by name: the names are listed as comments.
 * At most 1000 addresses per rule, a conservative bound for Windows Firewall's remote-address lists.
 */
public final class WindowsFirewallAllowlist implements AllowlistFormat {
    static final int MAX_ADDRESSES = 1000;

    @Override
    public void write(Allowlist a, Writer w) {
        PrintWriter out = new PrintWriter(w);
        List<String> head = new ArrayList<>(AllowlistFormat.header(a));
        head.add("");
        head.add("Run in an elevated PowerShell. Creates outbound allow rules in the group below; running it again replaces them.");
        head.add("They matter where outbound traffic is blocked by default (Set-NetFirewallProfile -DefaultOutboundAction Block).");
        AllowlistFormat.comments(out, "# ", head);
        String group = "Amazon WorkSpaces " + a.region() + " (wscheck)";
        out.println("$group = '" + group + "'");
        out.println("Get-NetFirewallRule -Group $group -ErrorAction SilentlyContinue | Remove-NetFirewallRule");
        for (Allowlist.Rule r : a.rules()) {
            out.println();
            out.println("# " + r.title() + ": " + AllowlistFormat.ports(r) + ", " + AllowlistFormat.proxyNote(r));
            if (!r.domains().isEmpty()) {
                out.println("# names (Windows Firewall cannot filter by name): " + String.join(", ", r.domains()));
            }
            List<IpPrefix> all = r.prefixes();
            if (all.isEmpty()) {
                out.println("# no addresses" + (r.id().equals("https") ? ": no ip-ranges.json was available (run 'wscheck ip-ranges update')" : ""));
                continue;
            }
            int parts = (all.size() + MAX_ADDRESSES - 1) / MAX_ADDRESSES;
            for (Allowlist.Transport t : Allowlist.Transport.values()) {
                List<String> ports = r.ports().stream().filter(p -> p.transport() == t).map(p -> String.valueOf(p.number())).toList();
                if (ports.isEmpty()) {
                    continue;
                }
                for (int part = 0; part < parts; part++) {
                    List<IpPrefix> chunk = all.subList(part * MAX_ADDRESSES, Math.min(all.size(), (part + 1) * MAX_ADDRESSES));
                    String name = "WorkSpaces " + a.region() + " " + r.id() + " " + t.name() + " " + String.join(",", ports)
                            + (parts > 1 ? " (" + (part + 1) + "/" + parts + ")" : "");
                    out.println("New-NetFirewallRule -Group $group -DisplayName '" + name + "' -Direction Outbound -Action Allow -Protocol "
                            + t.name() + " -RemotePort " + String.join(",", ports) + " -RemoteAddress @(");
                    for (int i = 0; i < chunk.size(); i++) {
                        out.println("  '" + chunk.get(i) + "'" + (i + 1 < chunk.size() ? "," : ""));
                    }
                    out.println(") | Out-Null");
                }
            }
        }
        out.flush();
    }
}
