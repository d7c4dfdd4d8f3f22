package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.ipranges.Cidrs;
import dev.wscheck.catalog.ipranges.DataAge;
import dev.wscheck.catalog.ipranges.IpPrefix;
import dev.wscheck.catalog.ipranges.IpRangesCache;
import dev.wscheck.net.Pem;
import dev.wscheck.report.DisplayWidth;
import dev.wscheck.update.IpRangesDownload;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code wscheck ip-ranges update|show}: refresh the per-user copy of AWS's ip-ranges.json, or look into it. */
@Command(name = "ip-ranges", mixinStandardHelpOptions = true, versionProvider = WscheckCommand.VersionProvider.class,
        description = "Show or refresh the AWS ip-ranges.json that requirements and check use.",
        subcommands = {IpRangesCommand.Update.class, IpRangesCommand.Show.class})
final class IpRangesCommand implements Callable<Integer> {
    /** The texts update and show print on stdout, in --lang's language. */
    static final String TEXTS = "dev.wscheck.cli.ipranges";

    @ParentCommand
    WscheckCommand root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Override
    public Integer call() {
        throw new WscheckException("ip-ranges: say update or show (see 'wscheck ip-ranges --help')");
    }

    @Command(name = "update", mixinStandardHelpOptions = true, versionProvider = WscheckCommand.VersionProvider.class,
            description = "Download ip-ranges.json from AWS (TLS verified) into this user's cache, atomically.")
    static final class Update implements Callable<Integer> {
        @ParentCommand
        IpRangesCommand parent;

        @Mixin
        GlobalOptions global = new GlobalOptions();

        @Option(names = "--proxy", paramLabel = "URL|system|none", defaultValue = "system",
                description = "system (the https_proxy environment variable, else direct), none, or http://host:port. Default: ${DEFAULT-VALUE}.")
        String proxy;

        @Option(names = "--trust", paramLabel = "PEM", description = "Extra trusted roots, e.g. a TLS-inspecting proxy's (repeatable).")
        List<Path> trust = new ArrayList<>();

        @Option(names = "--from", paramLabel = "FILE", description = "Cache this local copy instead of downloading (for machines without internet access).")
        Path from;

        @Option(names = "--timeout", paramLabel = "DUR", defaultValue = "20s", converter = DurationConverter.class,
                description = "Connect and read timeout. Default: ${DEFAULT-VALUE}.")
        Duration timeout;

        @Override
        public Integer call() {
            CliContext ctx = parent.root.ctx;
            IpRangesCache cache = IpRangesSource.cache(ctx);
            Optional<String> before = Optional.empty();
            try {
                before = cache.read().map(IpRanges::createDate);
            } catch (WscheckException e) {
                // a damaged copy is about to be replaced
            }
            IpRanges stored;
            if (from != null) {
                if (!Files.isRegularFile(from)) {
                    throw new WscheckException("--from " + from + ": no such file");
                }
                stored = cache.store("--from " + from, tmp -> Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING));
            } else {
                List<X509Certificate> roots = new ArrayList<>();
                for (Path p : trust) {
                    roots.addAll(Pem.readCertificates("--trust", p));
                }
                IpRangesDownload download = IpRangesDownload.prepare(ctx.env(), proxy, roots, timeout);
                cache.directory().orElseThrow(() -> new WscheckException(
                        "no cache directory: set " + IpRangesCache.ENV_DIR + " (or HOME, XDG_CACHE_HOME, LOCALAPPDATA)"));
                stored = cache.store("downloaded " + download.url(), download::into);
            }
            PrintStream out = ctx.out();
            Locale locale = GlobalOptions.merge(GlobalOptions.merge(parent.root.global, parent.global), global).locale();
            Bundle b = new Bundle(TEXTS, locale);
            Object[] values = {"date", stored.createDate(), "ipv4", stored.ipv4Count(), "ipv6", stored.ipv6Count(), "file", cache.file().orElseThrow()};
            if (before.isEmpty()) {
                out.println(b.get("update.saved", values));
            } else {
                String change = before.get().equals(stored.createDate()) ? b.get("update.unchanged") : b.get("update.was", "date", before.get());
                out.println(b.get("update.saved.change", append(values, "change", change)));
            }
            DataAge.staleNotice(stored.createDate(), stored.createdAt(), Instant.now(), from != null ? from.toString() : "downloaded")
                    .ifPresent(n -> Messages.notice(ctx.err(), locale, n));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = WscheckCommand.VersionProvider.class,
            description = {"Print the cached ip-ranges.json's date and counts; with --region/--service, the matching prefixes",
                "(like Get-AWSPublicIpAddressRange -Region ... -ServiceKey ...); with --lookup, the ranges an address lies in."})
    static final class Show implements Callable<Integer> {
        @ParentCommand
        IpRangesCommand parent;

        @Mixin
        GlobalOptions global = new GlobalOptions();

        @Option(names = "--ip-ranges", paramLabel = "FILE", description = "Read this ip-ranges.json instead of the cached one.")
        Path ipRanges;

        @Option(names = {"-r", "--region"}, paramLabel = "REGION", split = ",",
                description = "Only prefixes of these regions (repeatable, case-insensitive; GLOBAL is a region).")
        List<String> regions = new ArrayList<>();

        @Option(names = {"-s", "--service"}, paramLabel = "SERVICE", split = ",",
                description = "Only prefixes of these service keys (repeatable, case-insensitive), e.g. AMAZON, WORKSPACES_GATEWAYS.")
        List<String> services = new ArrayList<>();

        @Option(names = "--ipv4", description = "IPv4 prefixes only.")
        boolean ipv4Only;

        @Option(names = "--ipv6", description = "IPv6 prefixes only.")
        boolean ipv6Only;

        @Option(names = "--aggregate", description = "Print the selected prefixes merged (contained and adjacent prefixes joined), one per line.")
        boolean aggregate;

        @Option(names = "--lookup", paramLabel = "ADDRESS", description = "Print the published prefixes that contain this IP address.")
        String lookup;

        @Override
        public Integer call() {
            CliContext ctx = parent.root.ctx;
            Optional<InetAddress> address = Optional.ofNullable(lookup).map(Show::literal);
            if (ipv4Only && ipv6Only) {
                throw new WscheckException("--ipv4 and --ipv6 exclude each other (give neither for both)");
            }
            IpRangesSource src = IpRangesSource.load(ctx, ipRanges).orElseThrow(() -> new WscheckException(
                    "no ip-ranges data: run 'wscheck ip-ranges update' (or give --ip-ranges FILE)"));
            Locale locale = GlobalOptions.merge(GlobalOptions.merge(parent.root.global, parent.global), global).locale();
            src.announceAge(ctx, locale);
            IpRanges r = src.ranges();
            PrintStream out = ctx.out();
            if (address.isPresent()) {
                List<IpRanges.Entry> hits = r.lookup(address.get());
                if (hits.isEmpty()) {
                    out.println(new Bundle(TEXTS, locale).get("lookup.none", "address", lookup, "date", r.createDate()));
                    return 0;
                }
                for (IpRanges.Entry e : hits) {
                    out.println(row(e));
                }
                return 0;
            }
            boolean filtered = !regions.isEmpty() || !services.isEmpty() || ipv4Only || ipv6Only || aggregate;
            if (!filtered) {
                summary(out, src, r, new Bundle(TEXTS, locale));
                return 0;
            }
            IpRanges.Filter filter = new IpRanges.Filter(Set.copyOf(trimmed(regions)), Set.copyOf(trimmed(services)));
            List<IpRanges.Entry> selected = r.select(e -> filter.test(e) && (!ipv4Only || !e.prefix().v6()) && (!ipv6Only || e.prefix().v6()));
            if (selected.isEmpty()) {
                Messages.notice(ctx.err(), locale, "no prefix matches" + describe(regions, services)
                        + " (regions and service keys are listed by 'wscheck ip-ranges show')");
                return 0;
            }
            if (aggregate) {
                for (IpPrefix p : Cidrs.aggregate(selected.stream().map(IpRanges.Entry::prefix).toList())) {
                    out.println(p);
                }
            } else {
                for (IpRanges.Entry e : selected) {
                    out.println(row(e));
                }
            }
            return 0;
        }

        /** The summary: one label per line, the values starting in one column (labels padded by display width). */
        private static void summary(PrintStream out, IpRangesSource src, IpRanges r, Bundle b) {
            List<String> keys = List.of("source", "createDate", "syncToken", "prefixes", "regions", "services");
            int column = keys.stream().mapToInt(k -> DisplayWidth.of(b.get("label." + k))).max().orElse(0) + 2;
            Map<String, long[]> perService = new TreeMap<>();
            for (IpRanges.Entry e : r.entries()) {
                perService.computeIfAbsent(e.service(), k -> new long[2])[e.prefix().v6() ? 1 : 0]++;
            }
            List<String> values = List.of(
                    b.get(src.origin().equals("cache") ? "source.cache" : "source.file", "file", src.path()),
                    b.get("created", "date", r.createDate(), "days", DataAge.days(r.createdAt(), Instant.now())),
                    r.syncToken(),
                    b.get("prefixes", "ipv4", r.ipv4Count(), "ipv6", r.ipv6Count()),
                    b.get("regions", "count", r.regions().size(), "regions", String.join(" ", r.regions())),
                    b.get("services", "count", perService.size()));
            for (int i = 0; i < keys.size(); i++) {
                String label = b.get("label." + keys.get(i));
                out.println(label + " ".repeat(column - DisplayWidth.of(label)) + values.get(i));
            }
            for (Map.Entry<String, long[]> s : perService.entrySet()) {
                out.println(String.format(Locale.ROOT, "  %-34s %6d %6d", s.getKey(), s.getValue()[0], s.getValue()[1]));
            }
        }

        private static String row(IpRanges.Entry e) {
            return String.format(Locale.ROOT, "%-24s %-16s %-28s %s", e.prefix(), e.region(), e.service(), e.networkBorderGroup());
        }

        private static List<String> trimmed(List<String> values) {
            List<String> out = new ArrayList<>(new LinkedHashSet<>(values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList()));
            return out;
        }

        private static String describe(List<String> regions, List<String> services) {
            String s = "";
            if (!regions.isEmpty()) {
                s += " region " + String.join(",", regions);
            }
            if (!services.isEmpty()) {
                s += " service " + String.join(",", services);
            }
            return s;
        }

        private static InetAddress literal(String text) {
            Optional<byte[]> bytes = dev.wscheck.catalog.Cidr.literal(text.trim());
            if (bytes.isEmpty()) {
                throw new WscheckException("--lookup " + text + ": not an IP address");
            }
            try {
                return InetAddress.getByAddress(bytes.get());
            } catch (UnknownHostException e) {
                throw new WscheckException("--lookup " + text + ": not an IP address");
            }
        }
    }

    private static Object[] append(Object[] nameValues, Object name, Object value) {
        Object[] out = java.util.Arrays.copyOf(nameValues, nameValues.length + 2);
        out[nameValues.length] = name;
        out[nameValues.length + 1] = value;
        return out;
    }
}
