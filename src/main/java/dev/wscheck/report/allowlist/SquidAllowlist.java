package dev.wscheck.report.allowlist;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A squid.conf fragment that lets the WorkSpaces client's HTTPS (CONNECT to port 443) through,
 * by destination name. Included before the final {@code http_access deny all}. Streaming is
 * not proxy traffic and is not in it; the optional DCV-over-proxy and TLS-bump lines are
 * commented out, with the reason.
 */
public final class SquidAllowlist implements AllowlistFormat {
    private static final int NAMES_PER_LINE = 4;

    @Override
    public void write(Allowlist a, Writer w) {
        PrintWriter out = new PrintWriter(w);
        String acl = "wscheck_" + a.region().replace('-', '_');
        List<String> head = new ArrayList<>(AllowlistFormat.header(a));
        head.add("");
        head.add("squid.conf fragment: include it before your final 'http_access deny all', e.g.");
        head.add("  include /etc/squid/conf.d/workspaces-" + a.region() + ".conf");
        head.add("It lets the WorkSpaces client open HTTPS (CONNECT to port 443) to the names AWS documents.");
        head.add("Proxies that demand authentication are not supported by the client: these names need no login.");
        head.add("Streaming (TCP+UDP 4172 PCoIP, TCP+UDP 4195 DCV) does not go through this proxy: open it on the firewall.");
        AllowlistFormat.comments(out, "# ", head);
        a.rule("https").ifPresent(r -> {
            out.println("acl " + acl + "_connect method CONNECT");
            out.println("acl " + acl + "_https_port port 443");
            names(out, "acl " + acl + "_https dstdomain ", r.domains());
            out.println("http_access allow " + acl + "_connect " + acl + "_https_port " + acl + "_https");
            out.println("#");
            out.println("# If this proxy bumps TLS (ssl_bump; a squid built with OpenSSL), splice these names: the client accepts only");
            out.println("# AWS's own certificates.");
            names(out, "# acl " + acl + "_sni ssl::server_name ", r.domains());
            out.println("# ssl_bump splice " + acl + "_sni");
        });
        a.rule("dcv").ifPresent(r -> {
            out.println("#");
            out.println("# DCV TCP 4195 through this proxy works only with Windows clients 5.1+ and macOS 5.4+, and AWS does not");
            out.println("# recommend it (UDP never uses a proxy). Only if you must, uncomment:");
            names(out, "# acl " + acl + "_dcv dstdomain ", r.domains());
            out.println("# acl " + acl + "_dcv_port port 4195");
            out.println("# http_access allow " + acl + "_connect " + acl + "_dcv_port " + acl + "_dcv");
        });
        out.flush();
    }

    /** Squid spells "this domain and every name below it" as a leading dot. */
    static String squidName(String name) {
        return name.startsWith("*.") ? name.substring(1) : name;
    }

    private static void names(PrintWriter out, String prefix, List<String> names) {
        for (int i = 0; i < names.size(); i += NAMES_PER_LINE) {
            List<String> chunk = names.subList(i, Math.min(names.size(), i + NAMES_PER_LINE));
            out.println(prefix + String.join(" ", chunk.stream().map(SquidAllowlist::squidName).toList()));
        }
    }
}
