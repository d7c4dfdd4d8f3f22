package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.Protocols;
import dev.wscheck.catalog.RegistrationCodes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** What to check against: catalog, region, protocols, directory; shared by check and requirements. */
final class CatalogOptions {
    static final String DEFAULT_REGION = "ap-northeast-1";
    private static final Pattern DIRECTORY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    @Option(names = {"-r", "--region"}, paramLabel = "REGION",
            description = "AWS region of the WorkSpaces directory. Order: this flag, --registration-code, WSCHECK_REGION, else ap-northeast-1.")
    String region;

    @Option(names = "--registration-code", paramLabel = "CODE", description = "Infer the region from a registration code (e.g. WSnrt+ABC123).")
    String registrationCode;

    @Option(names = "--protocol", paramLabel = "pcoip|dcv|all", defaultValue = "all",
            description = "Streaming protocol(s) to check; wsp is an alias of dcv. Default: ${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--directory-id", paramLabel = "ID", description = "Fills <directoryID> in directory-settings URLs (else checked at their host only).")
    String directoryId;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Use this requirements catalog instead of the built-in one (same schema).")
    Path catalog;

    @Option(names = "--fips", description = "Also check the FIPS endpoints AWS publishes (us-east-1, us-west-2, GovCloud).")
    boolean fips;

    @Option(names = "--vpc-endpoint", description = "DCV streams through an interface VPC endpoint (PrivateLink): list its names too.")
    boolean vpcEndpoint;

    /** The catalog variants selected ({@code fips}, {@code vpc-endpoint}); see RequirementDef.variant. */
    Set<String> variants() {
        Set<String> out = new LinkedHashSet<>();
        if (fips) {
            out.add("fips");
        }
        if (vpcEndpoint) {
            out.add("vpc-endpoint");
        }
        return Set.copyOf(out);
    }

    Catalog loadCatalog() {
        if (catalog != null && java.nio.file.Files.isDirectory(catalog)) {
            throw new WscheckException("--catalog " + catalog + ": is a directory, not a catalog file");
        }
        return catalog == null ? CatalogLoader.builtin() : CatalogLoader.fromFile(catalog);
    }

    /** A resolved region and, when it did not come from --region, a one-line notice saying where it came from. */
    record Region(String code, Optional<String> notice) {
        /** Prints the notice; called once all input is known to be valid, so errors stay one line. */
        String announce(PrintStream err, Locale locale) {
            notice.ifPresent(n -> Messages.notice(err, locale, n));
            return code;
        }
    }

    /** Resolves the region in the contract's order: --region, --registration-code, WSCHECK_REGION, default. */
    Region region(Catalog c, Map<String, String> env) {
        if (region != null) {
            return new Region(known(c, region, "--region"), Optional.empty());
        }
        if (registrationCode != null) {
            Optional<String> r;
            try {
                r = RegistrationCodes.region(c, registrationCode);
            } catch (IllegalArgumentException e) {
                throw new WscheckException("--registration-code: " + e.getMessage());
            }
            String prefix = registrationCode.strip().substring(0, registrationCode.strip().indexOf('+') + 1);
            if (r.isPresent()) {
                return new Region(r.get(), Optional.of("registration code " + prefix + "... belongs to " + r.get()));
            }
            // A user who typed a code expects that code's region: never silently check another one.
            List<String> known = c.regions().values().stream().filter(d -> d.airport() != null && !d.airport().isBlank())
                    .map(d -> "WS" + d.airport()).sorted().toList();
            throw new WscheckException("--registration-code " + prefix + "...: the prefix names no region this catalog knows (known: "
                    + String.join(", ", known) + "); give --region instead");
        }
        String fromEnv = env.get("WSCHECK_REGION");
        if (fromEnv != null && !fromEnv.isBlank()) {
            String code = known(c, fromEnv.trim(), "WSCHECK_REGION");
            return new Region(code, Optional.empty());
        }
        return new Region(known(c, DEFAULT_REGION, "the default region"),
                Optional.of("no region given; checking " + DEFAULT_REGION + " (set --region, --registration-code or WSCHECK_REGION)"));
    }

    private static String known(Catalog c, String r, String from) {
        String code = r.toLowerCase(Locale.ROOT);
        if (c.region(code).isEmpty()) {
            throw new WscheckException(from + " " + r + ": unknown region (known: " + String.join(", ", c.regions().keySet()) + ")");
        }
        return code;
    }

    List<String> protocols() {
        return Protocols.select(protocol)
                .orElseThrow(() -> new WscheckException("--protocol " + protocol + ": use pcoip, dcv (or wsp) or all"));
    }

    Optional<String> directoryId() {
        if (directoryId == null) {
            return Optional.empty();
        }
        if (!DIRECTORY_ID.matcher(directoryId).matches()) {
            throw new WscheckException("--directory-id " + directoryId + ": not a directory id (letters, digits and '-', e.g. d-906734325d)");
        }
        return Optional.of(directoryId);
    }
}
