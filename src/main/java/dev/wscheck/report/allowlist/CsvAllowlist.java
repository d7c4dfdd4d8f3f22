package dev.wscheck.report.allowlist;

import dev.wscheck.catalog.ipranges.IpPrefix;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 CSV, one row per destination, for spreadsheets and change tickets. Columns: rule,
 * destination, type (domain, wildcard, ipv4, ipv6), protocols, ports, proxy, purpose.
 */
public final class CsvAllowlist implements AllowlistFormat {
    @Override
    public void write(Allowlist a, Writer w) {
        PrintWriter out = new PrintWriter(w);
        out.print("rule,destination,type,protocols,ports,proxy,purpose\r\n");
        for (Allowlist.Rule r : a.rules()) {
            String protocols = r.ports().stream().map(p -> p.transport().id()).distinct().collect(Collectors.joining("+"));
            String ports = r.portNumbers().stream().map(String::valueOf).collect(Collectors.joining(" "));
            for (String d : r.domains()) {
                row(out, List.of(r.id(), d, d.startsWith("*.") ? "wildcard" : "domain", protocols, ports, r.proxy(), r.title()));
            }
            for (IpPrefix p : r.prefixes()) {
                row(out, List.of(r.id(), p.toString(), p.v6() ? "ipv6" : "ipv4", protocols, ports, r.proxy(), r.title()));
            }
        }
        out.flush();
    }

    private static void row(PrintWriter out, List<String> cells) {
        out.print(cells.stream().map(CsvAllowlist::cell).collect(Collectors.joining(",")) + "\r\n");
    }

    static String cell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
