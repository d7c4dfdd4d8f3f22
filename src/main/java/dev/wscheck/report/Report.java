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
@JsonPropertyOrder({"schemaVersion", "tool", "startedAt", "durationMs", "region", "protocols", "host", "proxy", "catalog", "status", "counts", "findings", "requirements"})
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
        List<Requirement> requirements) {

    public static final int SCHEMA_VERSION = 1;

    public record Tool(String name, String version) {}

    public record Host(String os, String hostname, List<String> dnsServers, List<String> localAddresses) {}

    /** Where the proxy came from and its URL; never a password. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Proxy(String source, String url) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CatalogRef(String source, String version, String ipRangesCreateDate) {}

    /**
     * Addition to schema 1, present only when there is something to say: TLS inspection (who
     * re-signs, which domains were seen re-signed, and every WorkSpaces domain of the region to
     * exempt from decryption) and revocation endpoints that could not be reached.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Findings(TlsInspection tlsInspection, List<String> revocationUnreachable) {}

    public record TlsInspection(List<String> issuers, List<String> affectedDomains, List<String> exemptDomains) {}

    @JsonPropertyOrder({"pass", "warn", "fail", "inconclusive", "skip"})
    public record Counts(int pass, int warn, int fail, int inconclusive, int skip) {}

    /** {@code importance} and {@code note} are additions to schema 1 (see docs/report-json.md). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"id", "category", "title", "protocol", "importance", "status", "note", "checks", "remediation"})
    public record Requirement(
            String id,
            String category,
            String title,
            String protocol,
            String importance,
            String status,
            String note,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<Check> checks,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<Remedy> remediation,
            /* left out by --only/--skip: the console lists such requirements only with -v */
            @JsonIgnore boolean filtered) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"probe", "target", "address", "via", "outcome", "status", "durationMs", "phases", "detail", "evidence"})
    public record Check(
            String probe,
            String target,
            String address,
            String via,
            String outcome,
            String status,
            long durationMs,
            Map<String, Long> phases,
            String detail,
            Object evidence) {}

    public record Remedy(String code, String text) {}
}
