package dev.wscheck.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The run report exactly as the contract's JSON (schemaVersion 1) defines it; every reporter
 * renders this one value. Field order is the contract's order. Absent optional values are left
 * out of the JSON rather than written as null.
 */
@JsonPropertyOrder({"schemaVersion", "tool", "startedAt", "durationMs", "interrupted", "region", "protocols", "host", "proxy", "catalog", "status",
        "counts", "changes", "findings", "requirements", "thresholds", "environment"})
public record Report(
        int schemaVersion,
        Tool tool,
        String startedAt,
        long durationMs,
        String region,
        List<String> protocols,
        Host host,
        Proxy proxy,
        CatalogRef catalog,
        String status,
        Counts counts,
        @JsonInclude(JsonInclude.Include.NON_NULL) Findings findings,
        List<Requirement> requirements,
        /* addition to schema 1: present (true) only when the run was cut short by SIGTERM/Ctrl-C */
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean interrupted,
        /* contract §7: present only with --history; [] on the first run or when nothing changed */
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Change> changes,
        /* addition to schema 1: each protocol's round-trip bounds, so a saved report re-renders its latency bands */
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Thresholds> thresholds,
        /* addition to schema 1: the snapshot of this PC (docs/report-json.md); absent in reports made before it existed */
        @JsonInclude(JsonInclude.Include.NON_NULL) Environment environment) {

    public static final int SCHEMA_VERSION = 1;

    /** As built by the run: not interrupted, no history. */
    public Report(int schemaVersion, Tool tool, String startedAt, long durationMs, String region, List<String> protocols, Host host,
                  Proxy proxy, CatalogRef catalog, String status, Counts counts, Findings findings, List<Requirement> requirements) {
        this(schemaVersion, tool, startedAt, durationMs, region, protocols, host, proxy, catalog, status, counts, findings, requirements,
                null, null, Map.of(), null);
    }

    /** As before thresholds and the environment snapshot existed. */
    public Report(int schemaVersion, Tool tool, String startedAt, long durationMs, String region, List<String> protocols, Host host,
                  Proxy proxy, CatalogRef catalog, String status, Counts counts, Findings findings, List<Requirement> requirements,
                  Boolean interrupted, List<Change> changes) {
        this(schemaVersion, tool, startedAt, durationMs, region, protocols, host, proxy, catalog, status, counts, findings, requirements,
                interrupted, changes, Map.of(), null);
    }

    /** This report with the protocols' round-trip bounds and the environment snapshot. */
    public Report withContext(Map<String, Thresholds> newThresholds, Environment newEnvironment) {
        return new Report(schemaVersion, tool, startedAt, durationMs, region, protocols, host, proxy, catalog, status, counts, findings,
                requirements, interrupted, changes,
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(newThresholds)), newEnvironment);
    }

    /** Every field replaced at once (the redaction transform). */
    public Report with(Host newHost, Proxy newProxy, Findings newFindings, List<Requirement> newRequirements, Environment newEnvironment) {
        return new Report(schemaVersion, tool, startedAt, durationMs, region, protocols, newHost, newProxy, catalog, status, counts,
                newFindings, List.copyOf(newRequirements), interrupted, changes, thresholds, newEnvironment);
    }

    /** A protocol's round-trip bounds in milliseconds: above {@code highMs} degraded (warn), above {@code criticalMs} unusable (fail). */
    @JsonPropertyOrder({"highMs", "criticalMs"})
    public record Thresholds(long highMs, long criticalMs) {}

    /** This report marked as cut short by a signal. */
    public Report withInterrupted() {
        return new Report(schemaVersion, tool, startedAt, durationMs, region, protocols, host, proxy, catalog, status, counts, findings,
                requirements, Boolean.TRUE, changes, thresholds, environment);
    }

    /** This report with what changed since the previous run of its history (contract §7). */
    public Report withChanges(List<Change> newChanges) {
        return new Report(schemaVersion, tool, startedAt, durationMs, region, protocols, host, proxy, catalog, status, counts, findings,
                requirements, interrupted, List.copyOf(newChanges), thresholds, environment);
    }

    /** This report with another top-level status and requirement list (history's --alert-after damping). */
    public Report withStatus(String newStatus, List<Requirement> newRequirements) {
        return new Report(schemaVersion, tool, startedAt, durationMs, region, protocols, host, proxy, catalog, newStatus, counts, findings,
                List.copyOf(newRequirements), interrupted, changes, thresholds, environment);
    }

    /** One requirement whose status differs from the previous run's (contract §7). */
    @JsonPropertyOrder({"requirement", "from", "to", "since"})
    public record Change(String requirement, String from, String to, String since) {}

    public record Tool(String name, String version) {}

    /**
     * {@code globalIpv6} is an addition to schema 1: whether this PC has a global IPv6 address (IPv6
     * endpoints are probed only then); absent where not known (a report built before it existed).
     */
    @JsonPropertyOrder({"os", "hostname", "dnsServers", "localAddresses", "globalIpv6"})
    public record Host(String os, String hostname, List<String> dnsServers, List<String> localAddresses,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Boolean globalIpv6) {
        public Host(String os, String hostname, List<String> dnsServers, List<String> localAddresses) {
            this(os, hostname, dnsServers, localAddresses, null);
        }
    }

    /**
     * Where the proxy came from and its URL; never a password. Additions to schema 1 (see
     * docs/report-json.md), present when there is something to say: {@code origin} (the exact
     * source, in words), {@code pac} (the PAC file's URL or path), {@code user} (the proxy user
     * wscheck authenticated as), {@code resolved} (what each checked URL was sent through),
     * {@code findings} (PAC failures, WPAD, authentication), {@code consulted} (every discovery
     * source asked, with what it said).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"source", "url", "origin", "pac", "user", "resolved", "findings", "consulted"})
    public record Proxy(String source, String url, String origin, String pac, String user, List<Resolved> resolved,
                        List<String> findings, List<String> consulted) {
        public Proxy(String source, String url) {
            this(source, url, null, null, null, List.of(), List.of(), List.of());
        }
    }

    /** One checked URL and how it is sent: {@code via} is "direct" or the proxy URL; {@code rule} says why. */
    @JsonPropertyOrder({"url", "via", "rule"})
    public record Resolved(String url, String via, String rule) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CatalogRef(String source, String version, String ipRangesCreateDate) {}

    /**
     * Addition to schema 1, present only when there is something to say: TLS inspection (who
     * re-signs, which domains were seen re-signed, and every WorkSpaces domain of the region to
     * exempt from decryption) and revocation endpoints that could not be reached.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Findings(TlsInspection tlsInspection, List<String> revocationUnreachable, List<String> proxyDenied) {}

    public record TlsInspection(List<String> issuers, List<String> affectedDomains, List<String> exemptDomains) {}

    @JsonPropertyOrder({"pass", "warn", "fail", "inconclusive", "skip"})
    public record Counts(int pass, int warn, int fail, int inconclusive, int skip) {}

    /** {@code importance}, {@code note} and {@code route} are additions to schema 1 (see docs/report-json.md). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"id", "category", "title", "protocol", "importance", "status", "failStreak", "note", "route", "checks", "remediation"})
    public record Requirement(
            String id,
            String category,
            String title,
            String protocol,
            String importance,
            String status,
            String note,
            Route route,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<Check> checks,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<Remedy> remediation,
            /* left out by --only/--skip: the console lists such requirements only with -v */
            @JsonIgnore boolean filtered,
            /* contract §7: consecutive failing runs of the history, this one included; only on a failing requirement with --history */
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer failStreak) {

        public Requirement(String id, String category, String title, String protocol, String importance, String status, String note,
                           Route route, List<Check> checks, List<Remedy> remediation, boolean filtered) {
            this(id, category, title, protocol, importance, status, note, route, checks, remediation, filtered, null);
        }

        public Requirement withFailStreak(int streak) {
            return new Requirement(id, category, title, protocol, importance, status, note, route, checks, remediation, filtered, streak);
        }
    }

    /**
     * The proxy path and the direct path of a requirement the client reaches through a proxy
     * (addition to schema 1): {@code clientUses} "proxy"; {@code proxy} "works"/"fails"/"unknown";
     * {@code direct} "works"/"blocked"/"unknown"; the outcomes that broke each; one sentence.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"clientUses", "proxy", "direct", "proxyOutcome", "directOutcome", "summary"})
    public record Route(String clientUses, String proxy, String direct, String proxyOutcome, String directOutcome, String summary) {}

    /**
     * {@code role} is an addition to schema 1: absent for checks on the client's path, else "local-dns" or
     * "direct-comparison" (proxy evidence), or "ipv6-path" (the requirement's IPv6 name: it can only warn).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"probe", "target", "address", "via", "role", "outcome", "status", "durationMs", "phases", "detail", "evidence"})
    public record Check(
            String probe,
            String target,
            String address,
            String via,
            String role,
            String outcome,
            String status,
            long durationMs,
            Map<String, Long> phases,
            String detail,
            Object evidence) {

        /** The probe's own evidence, whether or not the engine's confirmation was merged into it ({@link Confirmed}). */
        public Object probeEvidence() {
            return evidence instanceof Confirmed c ? c.probe() : evidence;
        }
    }

    /**
     * A check's evidence with the engine's confirmation merged in (addition to schema 1): the
     * probe's fields as they are, plus {@code confirmation} (attempts, how many agreed, whether this
     * PC was busy, and one entry per address). See docs/report-json.md.
     */
    public record Confirmed(@com.fasterxml.jackson.annotation.JsonUnwrapped Object probe, Object confirmation) {}

    public record Remedy(String code, String text) {}
}
