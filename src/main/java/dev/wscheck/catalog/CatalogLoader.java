package dev.wscheck.catalog;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wscheck.Durations;
import dev.wscheck.WscheckException;
import dev.wscheck.net.TrustSettings.PublicRoot;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads the built-in catalog or a --catalog file (YAML or JSON, same schema) and validates it
 * completely before anything is probed. A bad file is one {@link WscheckException} whose message
 * names the file, the place and the problem.
 */
public final class CatalogLoader {
    /** The built-in catalog resource. */
    public static final String BUILTIN = "/dev/wscheck/catalog/workspaces.yaml";

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern SPKI = Pattern.compile("[0-9a-f]{64}");
    /** An IATA airport code as it appears in drp-xxx host names and registration codes. */
    private static final Pattern AIRPORT = Pattern.compile("[a-z]{3}");
    /** Variables every region provides to templates; region {@code vars} add more. */
    static final Set<String> STANDARD_VARS = Set.of("region", "airport", "healthCheckHost", "directoryId");

    private CatalogLoader() {}

    /** The built-in catalog as the build compiled it ({@link CatalogCompiler}): validated, compact JSON. */
    static final String BUILTIN_COMPILED = "/dev/wscheck/catalog/workspaces.json";

    /**
     * Returns the built-in catalog: the build's compiled JSON through a streaming parser when
     * present (milliseconds), else the YAML through the full loader (classes run without the
     * Maven build, e.g. from an IDE).
     */
    public static Catalog builtin() {
        java.util.concurrent.CompletableFuture<Catalog> early = PRELOAD.get();
        if (early != null) {
            try {
                return early.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        return load();
    }

    private static final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Catalog>> PRELOAD =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Starts loading the built-in catalog on a background thread, for a command that will need it:
     * the command line calls this before building its parser, so the two overlap on a second core
     * (docs/performance.md). {@link #builtin} then waits for that load; a failure surfaces there.
     */
    public static void preloadBuiltin() {
        java.util.concurrent.CompletableFuture<Catalog> f = new java.util.concurrent.CompletableFuture<>();
        if (PRELOAD.compareAndSet(null, f)) {
            dev.wscheck.Background.complete("wscheck-catalog-preload", f, CatalogLoader::load);
        }
    }

    private static Catalog load() {
        try (InputStream in = CatalogLoader.class.getResourceAsStream(BUILTIN_COMPILED)) {
            if (in != null) {
                return compiled(in);
            }
        } catch (IOException e) {
            throw new WscheckException("built-in catalog: " + e.getMessage(), e);
        }
        try (InputStream in = CatalogLoader.class.getResourceAsStream(BUILTIN)) {
            if (in == null) {
                throw new WscheckException("built-in catalog " + BUILTIN + " is missing from the jar");
            }
            return parse("built-in catalog", in, "builtin");
        } catch (IOException e) {
            throw new WscheckException("built-in catalog: " + e.getMessage(), e);
        }
    }

    private static Catalog compiled(InputStream in) throws IOException {
        CatalogFile.Root root;
        try (JsonParser parser = new com.fasterxml.jackson.core.JsonFactory().createParser(in)) {
            parser.nextToken();
            root = (CatalogFile.Root) RecordBinder.read(parser, CatalogFile.Root.class);
        }
        try {
            return new Validator(root, "builtin").catalog();
        } catch (IllegalArgumentException e) {
            throw new WscheckException("built-in catalog: " + e.getMessage());
        }
    }

    /** Returns the catalog in {@code file}, validated. */
    public static Catalog fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse("--catalog " + file, in, "file");
        } catch (NoSuchFileException e) {
            throw new WscheckException("--catalog " + file + ": no such file");
        } catch (IOException e) {
            throw new WscheckException("--catalog " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static Catalog parse(String name, InputStream in, String origin) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        // An empty list item or map value ("- " or "key:") is an error here, not a null that
        // would surface later as a NullPointerException.
        mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        CatalogFile.Root root;
        try (JsonParser parser = mapper.createParser(in)) {
            if (parser.nextToken() == null) {
                throw new WscheckException(name + ": the file is empty");
            }
            root = mapper.readValue(parser, CatalogFile.Root.class);
        } catch (JsonProcessingException e) {
            throw new WscheckException(name + ": " + describe(e));
        } catch (IOException e) {
            throw new WscheckException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new WscheckException(name + ": the file is empty");
        }
        try {
            return new Validator(root, origin).catalog();
        } catch (IllegalArgumentException e) {
            throw new WscheckException(name + ": " + e.getMessage());
        }
    }

    /**
     * Turns a Jackson error into "line 12: unknown field 'prob' at requirements[3]" form, and a
     * YAML syntax error into "line 4, column 1: not valid YAML: ...".
     */
    private static String describe(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        Optional<YAMLException> yaml = yamlCause(e);
        if (yaml.isPresent()) {
            return syntax(yaml.get(), loc);
        }
        StringBuilder sb = new StringBuilder();
        if (loc != null && loc.getLineNr() > 0) {
            sb.append("line ").append(loc.getLineNr()).append(": ");
        }
        if (e instanceof UnrecognizedPropertyException u) {
            sb.append("unknown field '").append(u.getPropertyName()).append("'");
        } else if (e instanceof InvalidNullException) {
            sb.append("empty value");
        } else if (e instanceof MismatchedInputException m && m.getPath().isEmpty()) {
            // The document is a scalar or a list, not the mapping the schema starts with.
            return sb.append("not a catalog: the top level must be a mapping (schemaVersion, version, sources, ...)").toString();
        } else {
            String m = e.getOriginalMessage();
            int cut = m.indexOf(" (");
            sb.append(cut > 0 ? m.substring(0, cut) : m);
        }
        if (e instanceof JsonMappingException jm && !jm.getPath().isEmpty()) {
            List<JsonMappingException.Reference> refs = jm.getPath();
            if (e instanceof UnrecognizedPropertyException) {
                // The last reference is the unknown field itself, already named.
                refs = refs.subList(0, refs.size() - 1);
            }
            if (!refs.isEmpty()) {
                sb.append(" at ").append(path(refs));
            }
        }
        return sb.toString().replace('\n', ' ');
    }

    private static Optional<YAMLException> yamlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof YAMLException y) {
                return Optional.of(y);
            }
        }
        return Optional.empty();
    }

    /** "line 4, column 1: not valid YAML: found unexpected end of stream (while scanning ...)". */
    private static String syntax(YAMLException y, JsonLocation loc) {
        StringBuilder sb = new StringBuilder();
        if (y instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            Mark at = m.getProblemMark();
            sb.append("line ").append(at.getLine() + 1).append(", column ").append(at.getColumn() + 1)
                    .append(": not valid YAML: ").append(m.getProblem());
            if (m.getContext() != null) {
                sb.append(" (").append(m.getContext());
                Mark from = m.getContextMark();
                if (from != null && from.getLine() != at.getLine()) {
                    sb.append(" from line ").append(from.getLine() + 1);
                }
                sb.append(')');
            }
        } else {
            if (loc != null && loc.getLineNr() > 0) {
                sb.append("line ").append(loc.getLineNr()).append(": ");
            }
            String m = y.getMessage() == null ? y.toString() : y.getMessage();
            int nl = m.indexOf('\n');
            sb.append("not valid YAML: ").append(nl > 0 ? m.substring(0, nl) : m);
        }
        return sb.toString().replace('\n', ' ').replace('\t', ' ');
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.toString();
    }

    /** Checks every rule of the schema; the first violation becomes an IllegalArgumentException. */
    private static final class Validator {
        private final CatalogFile.Root root;
        private final String origin;

        Validator(CatalogFile.Root root, String origin) {
            this.root = root;
            this.origin = origin;
        }

        Catalog catalog() {
            if (root.schemaVersion() == null || root.schemaVersion() != 1) {
                throw new IllegalArgumentException("schemaVersion: must be 1 (found "
                        + (root.schemaVersion() == null ? "none" : root.schemaVersion()) + ")");
            }
            String version = required(root.version(), "version");
            Map<String, Source> sources = new LinkedHashMap<>();
            for (var e : nonNull(root.sources()).entrySet()) {
                CatalogFile.Source s = e.getValue();
                if (s == null) {
                    throw new IllegalArgumentException("sources." + e.getKey() + ": empty");
                }
                sources.put(e.getKey(), new Source(required(s.title(), "sources." + e.getKey() + ".title"),
                        required(s.url(), "sources." + e.getKey() + ".url"), nullToEmpty(s.date())));
            }
            Map<String, ProtocolSpec> protocols = protocols(sources);
            List<PublicRoot> roots = publicRoots();
            Map<String, RegionDef> regions = regions(sources);
            List<RequirementDef> requirements = requirements(sources, regions.keySet(), protocols.keySet());
            checkRegionOverrides(regions, requirements);
            Catalog catalog = new Catalog(1, version, origin, Map.copyOf(sources), Map.copyOf(protocols), roots,
                    List.copyOf(requirements), java.util.Collections.unmodifiableMap(regions),
                    Boolean.TRUE.equals(root.expectPrivateAddresses()));
            checkTemplates(catalog);
            return catalog;
        }

        private Map<String, ProtocolSpec> protocols(Map<String, Source> sources) {
            Map<String, ProtocolSpec> out = new LinkedHashMap<>();
            for (var e : nonNull(root.protocols()).entrySet()) {
                String where = "protocols." + e.getKey();
                if (!e.getKey().equals("pcoip") && !e.getKey().equals("dcv")) {
                    throw new IllegalArgumentException(where + ": protocol must be pcoip or dcv");
                }
                CatalogFile.Protocol p = e.getValue();
                if (p == null || p.latency() == null) {
                    throw new IllegalArgumentException(where + ".latency: high and critical bounds are required");
                }
                Duration high = duration(p.latency().high(), where + ".latency.high");
                Duration critical = duration(p.latency().critical(), where + ".latency.critical");
                if (critical.compareTo(high) <= 0) {
                    throw new IllegalArgumentException(where + ".latency: critical must be above high");
                }
                out.put(e.getKey(), new ProtocolSpec(required(p.title(), where + ".title"), high, critical,
                        sourceKey(p.source(), sources, where), nullToEmpty(p.note()), quality(p.quality(), sources, where + ".quality")));
            }
            for (String needed : List.of("pcoip", "dcv")) {
                if (!out.containsKey(needed)) {
                    throw new IllegalArgumentException("protocols." + needed + ": missing");
                }
            }
            return out;
        }

        /** Loss and jitter bounds: optional; when present both figures and a rationale are required. */
        private static Optional<ProtocolSpec.Quality> quality(CatalogFile.Quality q, Map<String, Source> sources, String where) {
            if (q == null) {
                return Optional.empty();
            }
            String lossText = required(q.lossHigh(), where + ".lossHigh").trim();
            double loss;
            try {
                loss = Double.parseDouble(lossText.endsWith("%") ? lossText.substring(0, lossText.length() - 1).trim() : lossText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ".lossHigh: '" + lossText + "' is not a percentage (write e.g. 1%)");
            }
            if (!(loss > 0 && loss < 100)) {
                throw new IllegalArgumentException(where + ".lossHigh: must be above 0% and below 100%");
            }
            Duration jitter = duration(q.jitterHigh(), where + ".jitterHigh");
            if (jitter.isZero() || jitter.isNegative()) {
                throw new IllegalArgumentException(where + ".jitterHigh: must be above 0");
            }
            String source = q.source() == null ? "" : sourceKey(q.source(), sources, where);
            return Optional.of(new ProtocolSpec.Quality(loss, jitter, source, required(q.rationale(), where + ".rationale")));
        }

        private List<PublicRoot> publicRoots() {
            List<PublicRoot> out = new ArrayList<>();
            List<CatalogFile.Root.PublicRootYaml> list = nonNull(root.publicRoots());
            for (int i = 0; i < list.size(); i++) {
                var r = list.get(i);
                String where = "publicRoots[" + i + "]";
                String spki = required(r.spkiSha256(), where + ".spkiSha256").toLowerCase(Locale.ROOT);
                if (!SPKI.matcher(spki).matches()) {
                    throw new IllegalArgumentException(where + ".spkiSha256: must be 64 hex digits (SHA-256 of the SubjectPublicKeyInfo)");
                }
                out.add(new PublicRoot(required(r.name(), where + ".name"), spki));
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("publicRoots: at least one root is required");
            }
            return List.copyOf(out);
        }

        private Map<String, RegionDef> regions(Map<String, Source> sources) {
            Map<String, RegionDef> out = new LinkedHashMap<>();
            if (nonNull(root.regions()).isEmpty()) {
                throw new IllegalArgumentException("regions: at least one region is required");
            }
            for (var e : root.regions().entrySet()) {
                String code = e.getKey();
                String where = "regions." + code;
                if (!ID.matcher(code).matches()) {
                    throw new IllegalArgumentException(where + ": region codes look like ap-northeast-1");
                }
                CatalogFile.Region r = e.getValue();
                if (r == null) {
                    throw new IllegalArgumentException(where + ": empty");
                }
                Optional<RegionDef.HealthCheck> hc = Optional.empty();
                if (r.healthCheck() != null) {
                    var h = r.healthCheck();
                    List<String> addresses = nonNull(h.addresses());
                    for (String a : addresses) {
                        if (Cidr.literal(a).isEmpty()) {
                            throw new IllegalArgumentException(where + ".healthCheck.addresses: '" + a + "' is not an IP address");
                        }
                    }
                    if (h.ipv6Prefix() != null) {
                        cidr(h.ipv6Prefix(), where + ".healthCheck.ipv6Prefix");
                    }
                    hc = Optional.of(new RegionDef.HealthCheck(required(h.host(), where + ".healthCheck.host"),
                            List.copyOf(addresses), nullToEmpty(h.ipv6Host()), nullToEmpty(h.ipv6Prefix())));
                }
                var g = r.gateways();
                RegionDef.Gateways gateways = new RegionDef.Gateways(
                        gatewaySet(g == null ? null : g.pcoip(), where + ".gateways.pcoip"),
                        gatewaySet(g == null ? null : g.dcv(), where + ".gateways.dcv"),
                        gatewaySet(g == null ? null : g.unassigned(), where + ".gateways.unassigned"));
                List<RegionDef.Erratum> errata = new ArrayList<>();
                for (var er : nonNull(r.errata())) {
                    errata.add(new RegionDef.Erratum(required(er.text(), where + ".errata.text"),
                            sourceKey(er.source(), sources, where + ".errata")));
                }
                Map<String, List<String>> endpoints = new LinkedHashMap<>();
                nonNull(r.endpoints()).forEach((k, v) -> endpoints.put(k, List.copyOf(nonNull(v))));
                Map<String, List<String>> ipv6Endpoints = new LinkedHashMap<>();
                nonNull(r.ipv6Endpoints()).forEach((k, v) -> ipv6Endpoints.put(k, List.copyOf(nonNull(v))));
                String airport = nullToEmpty(r.airport()).toLowerCase(Locale.ROOT);
                if (!airport.isEmpty() && !AIRPORT.matcher(airport).matches()) {
                    throw new IllegalArgumentException(where + ".airport: '" + r.airport() + "' is not a three-letter IATA code");
                }
                for (RegionDef other : out.values()) {
                    if (!airport.isEmpty() && other.airport().equals(airport)) {
                        throw new IllegalArgumentException(where + ".airport: '" + airport + "' is already the airport of " + other.code());
                    }
                }
                out.put(code, new RegionDef(code, required(r.name(), where + ".name"), airport, hc, gateways,
                        ordered(r.vars()), java.util.Collections.unmodifiableMap(endpoints),
                        ordered(r.notPublished()), List.copyOf(errata), sourceKey(r.source(), sources, where),
                        ordered(r.derived()), java.util.Collections.unmodifiableMap(ipv6Endpoints)));
            }
            return out;
        }

        private RegionDef.GatewaySet gatewaySet(CatalogFile.GatewaySetYaml g, String where) {
            if (g == null) {
                return RegionDef.GatewaySet.EMPTY;
            }
            for (String c : nonNull(g.ipv4())) {
                cidr(c, where + ".ipv4");
            }
            for (String c : nonNull(g.ipv6())) {
                cidr(c, where + ".ipv6");
            }
            for (String c : nonNull(g.aga())) {
                cidr(c, where + ".aga");
            }
            return new RegionDef.GatewaySet(List.copyOf(nonNull(g.ipv4())), List.copyOf(nonNull(g.ipv6())),
                    List.copyOf(nonNull(g.aga())), List.copyOf(nonNull(g.domains())));
        }

        private List<RequirementDef> requirements(Map<String, Source> sources, Set<String> regions, Set<String> protocols) {
            List<CatalogFile.Requirement> list = nonNull(root.requirements());
            if (list.isEmpty()) {
                throw new IllegalArgumentException("requirements: at least one requirement is required");
            }
            Set<String> ids = new HashSet<>();
            for (CatalogFile.Requirement r : list) {
                if (r.id() != null) {
                    ids.add(r.id());
                }
            }
            Set<String> seen = new HashSet<>();
            List<RequirementDef> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                CatalogFile.Requirement r = list.get(i);
                String where = "requirements[" + i + "]" + (r.id() == null ? "" : " (" + r.id() + ")");
                String id = required(r.id(), where + ".id");
                if (!ID.matcher(id).matches()) {
                    throw new IllegalArgumentException(where + ".id: ids are lower-case words joined by '-'");
                }
                if (!seen.add(id)) {
                    throw new IllegalArgumentException(where + ".id: duplicate id '" + id + "'");
                }
                String protocol = required(r.protocol(), where + ".protocol");
                if (!protocol.equals("any") && !protocols.contains(protocol)) {
                    throw new IllegalArgumentException(where + ".protocol: must be pcoip, dcv or any");
                }
                List<ProbeKind> probes = new ArrayList<>();
                for (String p : nonNull(r.probes())) {
                    try {
                        probes.add(ProbeKind.fromId(p));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ".probes: " + e.getMessage());
                    }
                }
                List<String> endpoints = nonNull(r.endpoints());
                if (!endpoints.isEmpty() && probes.isEmpty()) {
                    throw new IllegalArgumentException(where + ".probes: endpoints are listed but no probe is");
                }
                for (String ep : endpoints) {
                    checkProbesFit(ep, probes, where);
                }
                knownRegions(nonNull(r.regions()), regions, where + ".regions");
                knownRegions(nonNull(r.exceptRegions()), regions, where + ".exceptRegions");
                Rule rule = Rule.NONE;
                if (r.rule() != null && r.rule().udpFallback() != null) {
                    if (!ids.contains(r.rule().udpFallback())) {
                        throw new IllegalArgumentException(where + ".rule.udpFallback: no requirement '" + r.rule().udpFallback() + "'");
                    }
                    rule = new Rule(Optional.of(r.rule().udpFallback()));
                }
                Expectation expect = Expectation.ANY;
                if (r.expect() != null) {
                    if (r.expect().status() != null && (r.expect().status() < 100 || r.expect().status() > 599)) {
                        throw new IllegalArgumentException(where + ".expect.status: not an HTTP status");
                    }
                    expect = new Expectation(Optional.ofNullable(r.expect().status()), Optional.ofNullable(r.expect().bodyContains()));
                }
                out.add(new RequirementDef(id, required(r.category(), where + ".category"), required(r.title(), where + ".title"),
                        nullToEmpty(r.description()), protocol, enumValue(Importance.class, r.importance(), Importance.REQUIRED, where + ".importance"),
                        enumValue(ProxyPolicy.class, r.proxy(), ProxyPolicy.ALLOWED, where + ".proxy"), List.copyOf(probes),
                        List.copyOf(endpoints), List.copyOf(nonNull(r.ipv6Endpoints())), List.copyOf(nonNull(r.allowlistOnly())),
                        expect, rule, List.copyOf(nonNull(r.regions())), List.copyOf(nonNull(r.exceptRegions())),
                        sourceKey(r.source(), sources, where), List.copyOf(nonNull(r.notes())), variant(r.variant(), where)));
            }
            return out;
        }

        private static String variant(String v, String where) {
            if (v == null) {
                return "";
            }
            if (!RequirementDef.VARIANTS.contains(v)) {
                throw new IllegalArgumentException(where + ".variant: '" + v + "' is not one of '" + String.join("', '", RequirementDef.VARIANTS) + "'");
            }
            return v;
        }

        private static void knownRegions(List<String> named, Set<String> regions, String where) {
            for (String reg : named) {
                if (!regions.contains(reg)) {
                    throw new IllegalArgumentException(where + ": unknown region '" + reg + "'");
                }
            }
        }

        /**
         * A region's {@code endpoints} and {@code notPublished} must name requirements that apply
         * to it; otherwise a typo or a forgotten {@code regions:} entry would silently drop them.
         * Replacement endpoints must suit the requirement's probes like its own endpoints do.
         */
        private static void checkRegionOverrides(Map<String, RegionDef> regions, List<RequirementDef> requirements) {
            Map<String, RequirementDef> byId = new LinkedHashMap<>();
            requirements.forEach(r -> byId.put(r.id(), r));
            for (RegionDef region : regions.values()) {
                for (String id : region.endpoints().keySet()) {
                    String where = "regions." + region.code() + ".endpoints." + id;
                    RequirementDef req = applicable(byId, id, region, where);
                    if (region.endpoints().get(id).isEmpty()) {
                        throw new IllegalArgumentException(where + ": empty (list the requirement under notPublished instead)");
                    }
                    for (String ep : region.endpoints().get(id)) {
                        checkProbesFit(ep, req.probes(), where);
                    }
                }
                for (String id : region.notPublished().keySet()) {
                    String where = "regions." + region.code() + ".notPublished." + id;
                    applicable(byId, id, region, where);
                    required(region.notPublished().get(id), where);
                }
                for (String id : region.derived().keySet()) {
                    String where = "regions." + region.code() + ".derived." + id;
                    applicable(byId, id, region, where);
                    required(region.derived().get(id), where);
                    if (region.notPublished().containsKey(id)) {
                        throw new IllegalArgumentException(where + ": requirement '" + id + "' is also under notPublished (choose one)");
                    }
                }
                for (String id : region.ipv6Endpoints().keySet()) {
                    applicable(byId, id, region, "regions." + region.code() + ".ipv6Endpoints." + id);
                }
            }
        }

        private static RequirementDef applicable(Map<String, RequirementDef> byId, String id, RegionDef region, String where) {
            RequirementDef req = byId.get(id);
            if (req == null) {
                throw new IllegalArgumentException(where + ": no requirement '" + id + "'");
            }
            if (!req.appliesTo(region.code())) {
                throw new IllegalArgumentException(where + ": requirement '" + id + "' does not apply to " + region.code() + " (see its regions/exceptRegions)");
            }
            return req;
        }

        /** Each endpoint scheme admits only the probes that make sense for it. */
        private static void checkProbesFit(String endpoint, List<ProbeKind> probes, String where) {
            String scheme = endpoint.contains("://") ? endpoint.substring(0, endpoint.indexOf("://")) : "";
            Set<ProbeKind> allowed;
            switch (scheme) {
                case "https":
                    allowed = EnumSet.of(ProbeKind.DNS, ProbeKind.TCP, ProbeKind.TLS, ProbeKind.HTTPS);
                    break;
                case "tcp":
                    allowed = EnumSet.of(ProbeKind.DNS, ProbeKind.TCP, ProbeKind.TLS, ProbeKind.LATENCY);
                    break;
                case "udp":
                    allowed = EnumSet.of(ProbeKind.DNS, ProbeKind.UDP, ProbeKind.REFLECTOR);
                    break;
                default:
                    throw new IllegalArgumentException(where + ".endpoints: '" + endpoint + "' must start with https://, tcp:// or udp://");
            }
            for (ProbeKind p : probes) {
                if (!allowed.contains(p)) {
                    throw new IllegalArgumentException(where + ".probes: probe '" + p.id() + "' cannot run against " + scheme + " endpoint '" + endpoint + "'");
                }
            }
            // Every name is resolved by the check's own DNS step (the report says which resolver
            // answered); without it a named endpoint would have no address to connect to.
            if (!probes.isEmpty() && !probes.contains(ProbeKind.DNS) && !hostIsIpLiteral(endpoint)) {
                throw new IllegalArgumentException(where + ".probes: endpoint '" + endpoint
                        + "' names a host, so its probes must include dns (or use an IP literal such as tcp://198.18.2.7:4172)");
            }
        }

        /** True when the endpoint's host is an IPv4 literal or a bracketed IPv6 literal (templates are names). */
        private static boolean hostIsIpLiteral(String endpoint) {
            String rest = endpoint.substring(endpoint.indexOf("://") + 3);
            return rest.startsWith("[") || rest.matches("\\d{1,3}(\\.\\d{1,3}){3}([:/].*)?");
        }

        /**
         * Expands every applicable requirement in every region, so that a template with an
         * unknown variable or a malformed endpoint fails now, not in the middle of a run.
         */
        private static void checkTemplates(Catalog catalog) {
            for (RegionDef region : catalog.regions().values()) {
                for (RequirementDef req : catalog.requirements()) {
                    if (!req.appliesTo(region.code()) || region.notPublished().containsKey(req.id())) {
                        continue;
                    }
                    String where = "requirement " + req.id() + " in region " + region.code();
                    List<String> templates = region.endpoints().getOrDefault(req.id(), req.endpoints());
                    List<String> v6 = region.ipv6Endpoints().getOrDefault(req.id(), req.ipv6Endpoints());
                    for (String t : concat(templates, concat(v6, req.allowlistOnly()))) {
                        Matcher m = PLACEHOLDER.matcher(t);
                        while (m.find()) {
                            String var = m.group(1);
                            boolean known = STANDARD_VARS.contains(var) || region.vars().containsKey(var);
                            if (!known) {
                                throw new IllegalArgumentException(where + ": '" + t + "' uses {" + var + "}, which the region does not define");
                            }
                            if (var.equals("healthCheckHost") && region.healthCheck().isEmpty()) {
                                throw new IllegalArgumentException(where + ": '" + t + "' uses {healthCheckHost}, but the region has no healthCheck (list the requirement under notPublished)");
                            }
                            if (var.equals("airport") && region.airport().isEmpty()) {
                                throw new IllegalArgumentException(where + ": '" + t + "' uses {airport}, but the region has no airport");
                            }
                        }
                    }
                    // The IPv6 names are probed too (where the PC has IPv6): they must be endpoints as well.
                    for (String t : concat(templates, v6)) {
                        try {
                            Target.parse(Planner.expand(t, Planner.variables(region, Optional.of("d-0000000000"))));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(where + ": " + e.getMessage());
                        }
                    }
                }
            }
        }

        private static Duration duration(String text, String where) {
            String t = required(text, where); // outside the try: its message already names the place
            try {
                return Durations.parse(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }

        private static void cidr(String text, String where) {
            try {
                Cidr.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }

        private static String sourceKey(String key, Map<String, Source> sources, String where) {
            String k = required(key, where + ".source");
            if (!sources.containsKey(k)) {
                throw new IllegalArgumentException(where + ".source: unknown source '" + k + "' (define it under sources)");
            }
            return k;
        }

        private static <E extends Enum<E>> E enumValue(Class<E> type, String text, E dflt, String where) {
            if (text == null) {
                return dflt;
            }
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(text)) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(where + ": '" + text + "' is not one of '" + String.join("', '", names) + "'");
        }

        private static String required(String value, String where) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(where + ": required");
            }
            return value;
        }

        private static String nullToEmpty(String s) {
            return s == null ? "" : s;
        }

        private static <T> List<T> nonNull(List<T> l) {
            return l == null ? List.of() : l;
        }

        /** An immutable copy that keeps the file's order (reports list entries as written). */
        private static <V> Map<String, V> ordered(Map<String, V> m) {
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nonNull(m)));
        }

        private static <K, V> Map<K, V> nonNull(Map<K, V> m) {
            return m == null ? Map.of() : m;
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> out = new ArrayList<>(a);
            out.addAll(b);
            return out;
        }
    }
}
