package dev.wscheck.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The environment as label/value rows, the same in every ticket format: the full snapshot when
 * the report has one, else what the contract's {@code host} object says.
 */
final class EnvironmentRows {
    private EnvironmentRows() {}

    static List<String[]> of(Report r, Texts t) {
        List<String[]> rows = new ArrayList<>();
        Environment e = r.environment();
        if (e != null) {
            rows.add(row(t.get("env.os"), e.os() + " " + e.osVersion() + " (" + e.arch() + ")"));
            rows.add(row(t.get("env.java"), e.java()));
            rows.add(row(t.get("env.wscheck"), e.wscheckVersion()));
            rows.add(row(t.get("env.hostname"), e.hostname()));
            rows.add(row(t.get("env.user"), e.user()));
            List<String> ifs = new ArrayList<>();
            for (Environment.Interface i : e.interfaces()) {
                ifs.add(i.name() + " " + String.join(" ", i.addresses()));
            }
            rows.add(row(t.get("env.interfaces"), ifs.isEmpty() ? "-" : String.join("; ", ifs)));
            rows.add(row(t.get("env.gateway"), e.defaultGateway()));
            rows.add(row(t.get("env.dns"), (e.dnsServers().isEmpty() ? "-" : String.join(", ", e.dnsServers())) + " (" + e.dnsSource() + ")"));
            rows.add(row(t.get("env.proxy"), (e.proxy() == null ? "none" : e.proxy()) + " (" + e.proxySource() + ")"));
            rows.add(row(t.get("env.vpn"), e.vpn().active() ? t.get("env.vpn.active", "interfaces", String.join(", ", e.vpn().interfaces()))
                    : t.get("env.vpn.inactive")));
            rows.add(row(t.get("env.client"), e.workspacesClient()));
            Environment.Clock c = e.clock();
            rows.add(row(t.get("env.clock"), c == null || c.offsetMs() == null ? t.get("env.clock.unknown")
                    : t.get("env.clock.value", "offset", t.offset(c.offsetMs()), "samples", c.samples())));
            if (e.publicAddress() != null) {
                rows.add(row(t.get("env.public"), e.publicAddress()));
            }
            if (e.ipv6() != null) {
                Environment.Ipv6 v6 = e.ipv6();
                String has = t.get(v6.globalAddress() && !Boolean.FALSE.equals(v6.defaultRoute()) ? "env.ipv6.yes" : "env.ipv6.no");
                rows.add(row(t.get("env.ipv6"), v6.checked() ? t.get("env.ipv6.checked", "has", has)
                        : t.get("env.ipv6.notChecked", "has", has, "reason", v6.reason() == null ? "" : v6.reason())));
            }
        } else {
            rows.add(row(t.get("env.os"), r.host().os()));
            rows.add(row(t.get("env.wscheck"), r.tool().version()));
            rows.add(row(t.get("env.hostname"), r.host().hostname()));
            rows.add(row(t.get("env.interfaces"), r.host().localAddresses().isEmpty() ? "-" : String.join(", ", r.host().localAddresses())));
            rows.add(row(t.get("env.dns"), r.host().dnsServers().isEmpty() ? "-" : String.join(", ", r.host().dnsServers())));
        }
        rows.add(row(t.get("env.catalog"), r.catalog().source() + " " + r.catalog().version()
                + (r.catalog().ipRangesCreateDate() == null ? "" : ", ip-ranges " + r.catalog().ipRangesCreateDate())));
        rows.add(row(t.get("env.started"), r.startedAt()));
        rows.add(row(t.get("env.duration"), ReportFacts.seconds(r.durationMs()) + " s"));
        return rows;
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value == null ? "unknown" : value};
    }
}
