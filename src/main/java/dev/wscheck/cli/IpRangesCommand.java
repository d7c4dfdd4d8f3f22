package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.ipranges.Cidrs;
import dev.wscheck.catalog.ipranges.DataAge;
import dev.wscheck.catalog.ipranges.IpPrefix;
import dev.wscheck.catalog.ipranges.IpRangesCache;
import dev.wscheck.net.Pem;
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
            String change = before.isEmpty() ? "" : before.get().equals(stored.createDate()) ? " (unchanged)" : " (was " + before.get() + ")";
            out.println("ip-ranges.json createDate " + stored.createDate() + change + ": " + stored.ipv4Count() + " IPv4 and "
                    + stored.ipv6Count() + " IPv6 prefixes, saved to " + cache.file().orElseThrow());
            DataAge.staleNotice(stored.createDate(), stored.createdAt(), Instant.now(), from != null ? from.toString() : "downloaded")
                    .ifPresent(n -> Messages.notice(ctx.err(), GlobalOptions.merge(GlobalOptions.merge(parent.root.global, parent.global), global).locale(), n));
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
            java.util.Locale locale = GlobalOptions.merge(GlobalOptions.merge(parent.root.global, parent.global), global).locale();
            src.announceAge(ctx, locale);
            IpRanges r = src.ranges();
            PrintStream out = ctx.out();
            if (address.isPresent()) {
                List<IpRanges.Entry> hits = r.lookup(address.get());
                if (hits.isEmpty()) {
                    out.println(lookup + ": in no published AWS range (createDate " + r.createDate() + ")");
                    return 0;
                }
                for (IpRanges.Entry e : hits) {
                    out.println(row(e));
                }
                return 0;
            }
            boolean filtered = !regions.isEmpty() || !services.isEmpty() || ipv4Only || ipv6Only || aggregate;
            if (!filtered) {
                summary(out, src, r);
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

        private static void summary(PrintStream out, IpRangesSource src, IpRanges r) {
            out.println("source      " + src.path() + (src.origin().equals("cache") ? " (cache)" : ""));
            out.println("createDate  " + r.createDate() + " (" + DataAge.days(r.createdAt(), Instant.now()) + " days old)");
            out.println("syncToken   " + r.syncToken());
            out.println("prefixes    " + r.ipv4Count() + " IPv4, " + r.ipv6Count() + " IPv6");
            out.println("regions     " + r.regions().size() + ": " + String.join(" ", r.regions()));
            Map<String, long[]> perService = new TreeMap<>();
            for (IpRanges.Entry e : r.entries()) {
                perService.computeIfAbsent(e.service(), k -> new long[2])[e.prefix().v6() ? 1 : 0]++;
            }
            out.println("services    " + perService.size() + " (IPv4 / IPv6 prefixes):");
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
}
