package dev.wscheck.report.allowlist;

import dev.wscheck.catalog.ipranges.Cidrs;
import dev.wscheck.catalog.ipranges.IpPrefix;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A Palo Alto Networks external dynamic list of type "IP List": one prefix per line, nothing
 * else (PAN-OS reads "address [space] comment"; a bare list is the safest for every version).
 * Host it on a web server the firewall polls. The rules selected (all by default, or --rule)
 * are merged into one list; use one list per rule for per-port policies.
 */
public final class PaloAltoEdl implements AllowlistFormat {
    @Override
    public void write(Allowlist a, Writer w) {
        PrintWriter out = new PrintWriter(w);
        List<IpPrefix> all = new ArrayList<>();
        a.rules().forEach(r -> all.addAll(r.prefixes()));
        for (IpPrefix p : Cidrs.aggregate(all)) {
            out.println(p);
        }
        out.flush();
    }
}
