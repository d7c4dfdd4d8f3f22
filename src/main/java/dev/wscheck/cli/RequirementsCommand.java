package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.Planner;
import dev.wscheck.report.EffectiveCatalog;
import dev.wscheck.report.JsonReporter;
import dev.wscheck.report.RequirementsMarkdown;
import dev.wscheck.report.RequirementsTable;
import dev.wscheck.report.RequirementsView;
import dev.wscheck.report.allowlist.AllowlistFormat;
import dev.wscheck.report.allowlist.CsvAllowlist;
import dev.wscheck.report.allowlist.FortigateAllowlist;
import dev.wscheck.report.allowlist.NftAllowlist;
import dev.wscheck.report.allowlist.PacAllowlist;
import dev.wscheck.report.allowlist.PaloAltoEdl;
import dev.wscheck.report.allowlist.SquidAllowlist;
import dev.wscheck.report.allowlist.WindowsFirewallAllowlist;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wscheck requirements}: what one region needs, as a table or Markdown (English or
 * Japanese), the effective catalog (JSON), a domain list, or a ready-to-paste allowlist for a
 * proxy or firewall. Port-443 ranges come from ip-ranges.json (--ip-ranges, else the cache).
 */
@Command(name = "requirements", mixinStandardHelpOptions = true, versionProvider = WscheckCommand.VersionProvider.class,
        description = "Print the requirements of a region: domains, ports, ranges, what may use a proxy; or a ready-to-paste allowlist.")
final class RequirementsCommand implements Callable<Integer> {
    static final List<String> FORMATS = List.of("table", "json", "domains", "csv", "markdown", "squid", "pac", "nft",
            "windows-firewall", "paloalto-edl", "fortigate");
    static final List<String> RULES = List.of("https", "web-access", "pcoip", "dcv");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}");
    private static final Pattern NFT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

    @ParentCommand
    WscheckCommand root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Mixin
    CatalogOptions what = new CatalogOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = {"table (readable), json (the effective catalog, stable ids), domains (one host name per line),",
                "markdown, csv, or an allowlist: squid, pac, nft, windows-firewall, paloalto-edl, fortigate. Default: ${DEFAULT-VALUE}."})
    String format;

    @Option(names = "--ip-ranges", paramLabel = "FILE", description = "Use this AWS ip-ranges.json instead of the cached one.")
    Path ipRanges;

    @Option(names = "--ipv6", description = "Include IPv6 names and ranges in allowlists and domain lists (tables and JSON always show both).")
    boolean ipv6;

    @Option(names = "--rule", paramLabel = "https|web-access|pcoip|dcv", split = ",",
            description = "Allowlists: only these rules (repeatable); default all.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--pac-proxy", paramLabel = "HOST:PORT", description = "PAC: the proxy for everything that is not WorkSpaces (required with --format pac).")
    String pacProxy;

    @Option(names = "--nft-table", paramLabel = "FAMILY NAME", defaultValue = "inet filter",
            description = "nft: the table the sets go into. Default: ${DEFAULT-VALUE}.")
    String nftTable;

    @Override
    public Integer call() throws IOException {
        GlobalOptions g = GlobalOptions.merge(root.global, global);
        Locale locale = g.locale();
        String f = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new WscheckException("--format " + format + ": use " + String.join(", ", FORMATS));
        }
        for (String r : rules) {
            if (!RULES.contains(r.toLowerCase(Locale.ROOT))) {
                throw new WscheckException("--rule " + r + ": use https, web-access, pcoip or dcv");
            }
        }
        AllowlistFormat allowlist = allowlistFormat(f);
        Catalog catalog = what.loadCatalog();
        CatalogOptions.Region region = what.region(catalog, root.ctx.env());
        Plan plan = Planner.plan(catalog, region.code(), what.protocols(), what.directoryId(), List.of(), List.of(), what.variants());
        // The domain list never needed ip-ranges data; the lab scripts rely on it staying quiet and unchanged.
        Optional<IpRangesSource> source = f.equals("domains") ? Optional.empty() : IpRangesSource.load(root.ctx, ipRanges);
        RequirementsView view = RequirementsView.of(plan, source.map(IpRangesSource::ranges), source.map(IpRangesSource::origin).orElse("file"), ipv6);
        // Render fully before printing anything: an error never leaves half a document on stdout.
        StringWriter doc = new StringWriter();
        switch (f) {
            case "table":
                RequirementsTable.write(view, locale, g.verbose, doc);
                break;
            case "markdown":
                RequirementsMarkdown.write(view, locale, doc);
                break;
            case "json":
                JsonReporter.mapper().writeValue(doc, EffectiveCatalog.of(view));
                doc.write(System.lineSeparator());
                break;
            case "domains":
                for (String d : RequirementsTable.domains(plan, ipv6)) {
                    doc.write(d + System.lineSeparator());
                }
                break;
            default:
                allowlist.write(view.allowlist(rules.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList()), doc);
                break;
        }
        region.announce(root.ctx.err(), locale);
        source.ifPresent(s -> s.announceAge(root.ctx, locale));
        if (source.isEmpty() && allowlist != null && (rules.isEmpty() || rules.contains("https"))) {
            Messages.notice(root.ctx.err(), locale, "no ip-ranges data: the port 443 address ranges are left out (run 'wscheck ip-ranges update' or give --ip-ranges FILE)");
        }
        Writer w = new StreamWriter(root.ctx.out());
        w.write(doc.toString());
        w.flush();
        return 0;
    }

    /** The allowlist renderer for {@code f}, null for the non-allowlist formats; validates its options. */
    private AllowlistFormat allowlistFormat(String f) {
        switch (f) {
            case "csv":
                return new CsvAllowlist();
            case "squid":
                return new SquidAllowlist();
            case "pac":
                if (pacProxy == null) {
                    throw new WscheckException("--format pac needs --pac-proxy HOST:PORT, the proxy for everything that is not WorkSpaces");
                }
                if (!HOST_PORT.matcher(pacProxy).matches()) {
                    throw new WscheckException("--pac-proxy " + pacProxy + ": use HOST:PORT, e.g. proxy.example.com:8080");
                }
                return new PacAllowlist(pacProxy);
            case "nft":
                String[] parts = nftTable.trim().split("\\s+");
                if (parts.length != 2 || !List.of("inet", "ip", "ip6").contains(parts[0]) || !NFT_NAME.matcher(parts[1]).matches()) {
                    throw new WscheckException("--nft-table " + nftTable + ": use FAMILY NAME, e.g. 'inet filter' (family inet, ip or ip6)");
                }
                return new NftAllowlist(parts[0], parts[1]);
            case "windows-firewall":
                return new WindowsFirewallAllowlist();
            case "paloalto-edl":
                return new PaloAltoEdl();
            case "fortigate":
                return new FortigateAllowlist();
            default:
                return null;
        }
    }
}
