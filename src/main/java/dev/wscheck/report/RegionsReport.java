package dev.wscheck.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What {@code wscheck regions} found (contract §9): every measured region, ranked by the median TCP
 * connect time to its health-check host; unreachable regions last with rank and rttMs null.
 * {@code notMeasured} (an addition to §9) lists the catalog's regions that have nothing to measure
 * (no published health-check host), with the reason.
 */
@JsonPropertyOrder({"schemaVersion", "regions", "notMeasured"})
public record RegionsReport(int schemaVersion, List<Region> regions, List<NotMeasured> notMeasured) {

    public RegionsReport {
        regions = List.copyOf(regions);
        notMeasured = List.copyOf(notMeasured);
    }

    /**
     * One region's figures.
     *
     * @param rank 1 for the lowest median round trip; null when the region could not be reached
     * @param rttMs TCP connect time to the health-check host on 4172 (4195 without PCoIP), one round trip per sample
     * @param httpsMs HTTP request to first byte of the answer from the region's broker ({@code /ping}), on a fresh TLS session per sample
     * @param lossPct connects to the health-check host that failed, in percent
     * @param status per protocol asked for: pass, warn or fail against the catalog's bounds
     * @param detail one line on what failed, when something did
     */
    @JsonPropertyOrder({"region", "name", "rank", "rttMs", "httpsMs", "lossPct", "status", "detail"})
    public record Region(String region, String name, @JsonInclude(JsonInclude.Include.ALWAYS) Integer rank,
                         @JsonInclude(JsonInclude.Include.ALWAYS) Ms rttMs, @JsonInclude(JsonInclude.Include.ALWAYS) Ms httpsMs,
                         double lossPct, Map<String, String> status,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) String detail) {}

    /** Nearest-rank statistics in milliseconds. */
    @JsonPropertyOrder({"min", "median", "p95"})
    public record Ms(double min, double median, double p95) {}

    public record NotMeasured(String region, String reason) {}
}
