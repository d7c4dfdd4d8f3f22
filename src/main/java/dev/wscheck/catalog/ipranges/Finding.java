package dev.wscheck.catalog.ipranges;

import java.util.Locale;

/**
 * One result of cross-checking the catalog's documented addresses against ip-ranges.json.
 *
 * @param code stable identifier (scripts key on it), e.g. {@code health-check-outside-gateways}
 * @param severity {@code info} (how AWS publishes it; the allowlists already account for it) or
 *     {@code warning} (the documentation and ip-ranges.json disagree: someone should look)
 * @param subject the documented address or range
 * @param documentedAs what the catalog says it is, as an id: {@code health-check-address}, {@code health-check-ipv6-prefix},
 *     {@code pcoip-gateway}, {@code pcoip-gateway-ipv6}, {@code dcv-gateway}, {@code dcv-gateway-ipv6}, {@code dcv-aga},
 *     or {@code workspaces-gateways} (an undocumented WORKSPACES_GATEWAYS prefix)
 * @param publishedAs where ip-ranges.json places it ("ap-northeast-1 EC2 18.178.0.0/16"), or empty
 */
public record Finding(String code, Severity severity, String subject, String documentedAs, String publishedAs) {
    public enum Severity {
        INFO, WARNING;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
