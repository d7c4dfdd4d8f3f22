package dev.wscheck.report.allowlist;

import dev.wscheck.catalog.ipranges.IpPrefix;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A proxy auto-config file: WorkSpaces names (and the streaming gateways' IPv4 ranges, for
 * clients that connect by address) go DIRECT; everything else goes to the site's proxy. Direct,
 * because the client cannot authenticate to a proxy and rejects TLS inspection, and streaming
 * never uses a proxy. Uses only the standard PAC helpers (dnsDomainIs, isInNet on literals):
 * it never resolves a name, so it costs no DNS lookup in the browser or client.
 */
public final class PacAllowlist implements AllowlistFormat {
    private final String proxy;

    /** {@code proxy} is {@code host:port} of the proxy for everything that is not WorkSpaces. */
    public PacAllowlist(String proxy) {
        this.proxy = proxy;
    }

    @Override
    public void write(Allowlist a, Writer w) {
        PrintWriter out = new PrintWriter(w);
        List<String> head = new ArrayList<>(AllowlistFormat.header(a));
        head.add("");
        head.add("Proxy auto-config: Amazon WorkSpaces goes DIRECT, everything else through PROXY " + proxy + ".");
        head.add("The firewall must then allow these destinations directly (see the nft, windows-firewall, paloalto-edl or");
        head.add("fortigate formats). IPv6 literals are not matched (PAC's isInNet is IPv4 only).");
        AllowlistFormat.comments(out, "// ", head);
        List<String> exact = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (String d : a.allDomains()) {
            if (d.startsWith("*.")) {
                suffixes.add(d.substring(1));
            } else {
                exact.add(d);
            }
        }
        List<IpPrefix> nets = new ArrayList<>();
        for (String id : List.of("pcoip", "dcv")) {
            a.rule(id).ifPresent(r -> nets.addAll(r.ipv4()));
        }
        out.println("var WORKSPACES_HOSTS = [");
        list(out, exact.stream().map(s -> "\"" + s + "\"").toList());
        out.println("];");
        out.println("// Any name below these domains.");
        out.println("var WORKSPACES_DOMAINS = [");
        list(out, suffixes.stream().map(s -> "\"" + s + "\"").toList());
        out.println("];");
        out.println("// Streaming gateways, Global Accelerator endpoints and health-check servers (IPv4).");
        out.println("var WORKSPACES_NETS = [");
        list(out, dev.wscheck.catalog.ipranges.Cidrs.aggregate(nets).stream()
                .map(p -> "[\"" + p.address() + "\", \"" + p.netmask() + "\"]").toList());
        out.println("];");
        out.println();
        out.println("function FindProxyForURL(url, host) {");
        out.println("  var h = host.toLowerCase();");
        out.println("  if (h.length > 0 && h.charAt(h.length - 1) == \".\") {");
        out.println("    h = h.substring(0, h.length - 1);");
        out.println("  }");
        out.println("  for (var i = 0; i < WORKSPACES_HOSTS.length; i++) {");
        out.println("    if (h == WORKSPACES_HOSTS[i]) {");
        out.println("      return \"DIRECT\";");
        out.println("    }");
        out.println("  }");
        out.println("  for (var j = 0; j < WORKSPACES_DOMAINS.length; j++) {");
        out.println("    if (dnsDomainIs(h, WORKSPACES_DOMAINS[j])) {");
        out.println("      return \"DIRECT\";");
        out.println("    }");
        out.println("  }");
        out.println("  if (/^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$/.test(h)) {");
        out.println("    for (var k = 0; k < WORKSPACES_NETS.length; k++) {");
        out.println("      if (isInNet(h, WORKSPACES_NETS[k][0], WORKSPACES_NETS[k][1])) {");
        out.println("        return \"DIRECT\";");
        out.println("      }");
        out.println("    }");
        out.println("  }");
        out.println("  return \"PROXY " + proxy + "\";");
        out.println("}");
        out.flush();
    }

    private static void list(PrintWriter out, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            out.println("  " + items.get(i) + (i + 1 < items.size() ? "," : ""));
        }
    }
}
