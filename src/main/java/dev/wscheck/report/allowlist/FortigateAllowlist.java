package dev.wscheck.report.allowlist;

import dev.wscheck.catalog.ipranges.IpPrefix;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A FortiOS CLI script: address objects (subnets, FQDNs, wildcard FQDNs) and one address group
 * per rule and family, to use as destinations in firewall policies. Groups are kept to at most
 * {@value #GROUP_SIZE} members (small models limit group size): larger ones are split into parts
 * gathered by a parent group. Object names stay under FortiOS's 63-character limit.
 */
public final class FortigateAllowlist implements AllowlistFormat {
    static final int GROUP_SIZE = 250;

    @Override
    public void write(Allowlist a, Writer w) {
        PrintWriter out = new PrintWriter(w);
        List<String> head = new ArrayList<>(AllowlistFormat.header(a));
        head.add("");
        head.add("FortiOS CLI: paste into the CLI console or run as a script. Re-running updates the objects in place.");
        head.add("Use the groups as destinations of policies with the ports named in each group's comment.");
        AllowlistFormat.comments(out, "# ", head);
        String base = "ws-" + a.region();
        for (Allowlist.Rule r : a.rules()) {
            String comment = r.title() + ": " + AllowlistFormat.ports(r);
            List<String> v4Members = new ArrayList<>();
            List<String> v6Members = new ArrayList<>();
            if (!r.domains().isEmpty() || !r.ipv4().isEmpty()) {
                out.println("config firewall address");
                int n = 1;
                for (String d : r.domains()) {
                    String name = String.format(java.util.Locale.ROOT, "%s-%s-fqdn-%03d", base, r.id(), n++);
                    out.println("    edit \"" + name + "\"");
                    if (d.startsWith("*.")) {
                        out.println("        set type wildcard-fqdn");
                        out.println("        set wildcard-fqdn \"" + d + "\"");
                    } else {
                        out.println("        set type fqdn");
                        out.println("        set fqdn \"" + d + "\"");
                    }
                    out.println("        set comment \"" + d + "\"");
                    out.println("    next");
                    v4Members.add(name);
                }
                n = 1;
                for (IpPrefix p : r.ipv4()) {
                    String name = String.format(java.util.Locale.ROOT, "%s-%s-v4-%04d", base, r.id(), n++);
                    out.println("    edit \"" + name + "\"");
                    out.println("        set subnet " + p.address() + " " + p.netmask());
                    out.println("    next");
                    v4Members.add(name);
                }
                out.println("end");
            }
            if (!r.ipv6().isEmpty()) {
                out.println("config firewall address6");
                int n = 1;
                for (IpPrefix p : r.ipv6()) {
                    String name = String.format(java.util.Locale.ROOT, "%s-%s-v6-%04d", base, r.id(), n++);
                    out.println("    edit \"" + name + "\"");
                    out.println("        set ip6 " + p);
                    out.println("    next");
                    v6Members.add(name);
                }
                out.println("end");
            }
            group(out, "config firewall addrgrp", base + "-" + r.id(), v4Members, comment);
            group(out, "config firewall addrgrp6", base + "-" + r.id() + "-v6", v6Members, comment);
        }
        out.flush();
    }

    private static void group(PrintWriter out, String config, String name, List<String> members, String comment) {
        if (members.isEmpty()) {
            return;
        }
        out.println(config);
        List<String> top = new ArrayList<>();
        if (members.size() <= GROUP_SIZE) {
            top = members;
        } else {
            for (int i = 0, part = 1; i < members.size(); i += GROUP_SIZE, part++) {
                String partName = name + "-part" + part;
                edit(out, partName, members.subList(i, Math.min(members.size(), i + GROUP_SIZE)), comment);
                top.add(partName);
            }
        }
        edit(out, name, top, comment);
        out.println("end");
    }

    private static void edit(PrintWriter out, String name, List<String> members, String comment) {
        out.println("    edit \"" + name + "\"");
        StringBuilder sb = new StringBuilder("        set member");
        for (String m : members) {
            sb.append(" \"").append(m).append('"');
        }
        out.println(sb);
        out.println("        set comment \"" + comment.replace("\"", "'") + "\"");
        out.println("    next");
    }
}
