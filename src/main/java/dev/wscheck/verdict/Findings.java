package dev.wscheck.verdict;

import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.tls.TlsEvidence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Run-level findings that cut across requirements and are said once: TLS inspection (which
 * device re-signs, for which domains), revocation endpoints that cannot be reached, which
 * are a separate matter from interception, and the destinations the proxy refuses (host:port,
 * the list a proxy administrator adds to the allowlist).
 */
public record Findings(Optional<TlsInspection> tlsInspection, List<String> revocationUnreachable, List<String> proxyDenied) {

    public Findings(Optional<TlsInspection> tlsInspection, List<String> revocationUnreachable) {
        this(tlsInspection, revocationUnreachable, List.of());
    }

    /** @param issuers who re-signs, as the certificates name it; @param domains the WorkSpaces domains seen re-signed */
    public record TlsInspection(List<String> issuers, List<String> domains) {}

    public static Findings of(List<RequirementVerdict> verdicts) {
        Set<String> issuers = new LinkedHashSet<>();
        Set<String> domains = new LinkedHashSet<>();
        Set<String> revocation = new LinkedHashSet<>();
        Set<String> denied = new LinkedHashSet<>();
        for (RequirementVerdict v : verdicts) {
            for (CheckVerdict c : v.checks()) {
                if (c.onPath() && c.outcome() == Outcome.PROXY_DENIED) {
                    denied.add(c.check().spec().target().hostPort());
                }
                if (!(c.result().evidence().orElse(null) instanceof TlsEvidence tls)) {
                    continue;
                }
                if (c.outcome() == Outcome.TLS_INTERCEPTED || c.outcome() == Outcome.TLS_UNTRUSTED) {
                    if (!tls.issuer().isEmpty()) {
                        issuers.add(tls.issuer());
                    }
                    domains.add(c.check().spec().target().host());
                }
                for (TlsEvidence.RevocationEndpoint r : tls.revocation()) {
                    if (r.status().equals(TlsEvidence.RevocationEndpoint.UNREACHABLE)) {
                        revocation.add(r.url());
                    }
                }
            }
        }
        Optional<TlsInspection> inspection = domains.isEmpty() ? Optional.empty()
                : Optional.of(new TlsInspection(new ArrayList<>(issuers), new ArrayList<>(domains)));
        return new Findings(inspection, List.copyOf(revocation), List.copyOf(denied));
    }
}
