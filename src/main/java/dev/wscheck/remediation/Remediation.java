package dev.wscheck.remediation;

import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.catalog.ProxyPolicy;
import dev.wscheck.catalog.RegionDef;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.tls.TlsEvidence;
import dev.wscheck.verdict.CheckVerdict;
import dev.wscheck.verdict.RequirementVerdict;
import dev.wscheck.verdict.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to change, per failing or warning check: texts from the remediation resource bundles
 * (English and Japanese), filled with the check's host, port, protocol, route and detail. The
 * texts are data; this class only picks and fills them. No I/O beyond reading the bundle.
 */
public final class Remediation {
    private static final String BUNDLE = "dev.wscheck.remediation.remediation";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    private final ResourceBundle bundle;

    private Remediation(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /** Returns the remediation texts for {@code locale} (English where a text is not translated). */
    public static Remediation forLocale(Locale locale) {
        return new Remediation(ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    /** Returns the requirement's title in this language (the catalog's English title where none is translated). */
    public String title(dev.wscheck.catalog.RequirementDef def) {
        return get("title." + def.id()).orElse(def.title());
    }

    /** Returns a verdict's note in this language (its English text where no translation exists). */
    public String note(dev.wscheck.verdict.Note note) {
        return note.isEmpty() ? "" : get(note.key()).map(t -> fill(t, note.args())).orElse(note.english());
    }

    /** Returns the unfilled text for an outcome, as {@code wscheck explain} prints it. */
    public Optional<String> template(Outcome outcome) {
        return get(outcome.code());
    }

    /**
     * Returns the remediation items for a judged requirement: one per check that is not passing
     * (fail, warn, inconclusive), in check order, without repeating the same text.
     */
    public List<RemediationItem> forRequirement(RequirementVerdict verdict, RegionDef region) {
        Set<RemediationItem> out = new LinkedHashSet<>();
        boolean routeSaid = false;
        for (CheckVerdict c : verdict.checks()) {
            // Checks off the client's path (the direct comparison) never call for a change; the IPv6 path is the client's on an IPv6 PC.
            boolean clientPath = c.onPath() || c.role() == dev.wscheck.engine.RunResult.Role.IPV6_PATH;
            if (!clientPath || c.status() == Status.PASS || c.status() == Status.SKIP || c.outcome() == Outcome.OK) {
                continue;
            }
            // The IPv6 path's own wording where the general one would talk about IPv4 (an AAAA record, not an A record).
            Optional<String> text = (c.onPath() ? Optional.<String>empty() : get("ipv6." + c.outcome().code()))
                    .or(() -> get(verdict.requirement().id() + "." + c.outcome().code())).or(() -> get(c.outcome().code()));
            text.ifPresent(t -> out.add(new RemediationItem(c.outcome().code(), fill(t, values(verdict.requirement(), c, region)))));
            if (!routeSaid && verdict.route().map(r -> r.proxyBrokenDirectWorks()).orElse(false)) {
                routeSaid = true;
                get("route.proxy-fails-direct-works").ifPresent(t -> out.add(new RemediationItem(c.outcome().code(),
                        fill(t, values(verdict.requirement(), c, region)))));
            }
        }
        if (verdict.note().key().startsWith("note.proxy-auth-client")) {
            // Not a failing check but a client limit: wscheck got through with credentials the client cannot send.
            String host = verdict.checks().isEmpty() ? "" : verdict.checks().get(0).check().spec().target().host();
            get("proxy-auth-client").ifPresent(t -> out.add(new RemediationItem(dev.wscheck.probe.Outcome.PROXY_AUTH_REQUIRED.code(),
                    fill(t, Map.of("host", host, "user", verdict.note().args().getOrDefault("user", ""))))));
        }
        return List.copyOf(out);
    }

    private Map<String, String> values(PlannedRequirement req, CheckVerdict c, RegionDef region) {
        CheckSpec spec = c.check().spec();
        Map<String, String> v = new HashMap<>();
        v.put("host", spec.target().host());
        v.put("port", Integer.toString(spec.target().port()));
        v.put("proto", spec.probe() == ProbeKind.UDP ? "UDP" : "TCP");
        v.put("target", spec.targetDisplay());
        v.put("detail", localized(c.detail()));
        v.put("title", title(req.def()));
        // A requirement may say its route in its own words (dcv-latency: the same port as DCV TCP, measured directly).
        v.put("route", get("route." + req.id()).or(() -> get("route." + req.def().proxy().id())).orElse(""));
        v.put("scope", scope(req, spec, region, c.role() == dev.wscheck.engine.RunResult.Role.IPV6_PATH));
        v.put("issuer", c.result().evidence().orElse(null) instanceof TlsEvidence tls && !tls.issuer().isEmpty() ? tls.issuer() : localized(c.detail()));
        return v;
    }

    /** The host, and for streaming requirements also the region's gateway ranges for the protocol. */
    private String scope(PlannedRequirement req, CheckSpec spec, RegionDef region, boolean ipv6Path) {
        String host = spec.target().host();
        if (!req.def().category().equals("streaming") || req.def().proxy() == ProxyPolicy.ALLOWED) {
            return host;
        }
        RegionDef.GatewaySet set = req.def().protocol().equals("dcv") ? region.gateways().dcv() : region.gateways().pcoip();
        List<String> ranges = new ArrayList<>(ipv6Path ? set.ipv6() : set.ipv4());
        if (ranges.isEmpty()) {
            return host;
        }
        Map<String, String> v = Map.of("host", host, "protocol", req.def().protocol().equals("dcv") ? "DCV" : "PCoIP",
                "ranges", String.join(", ", ranges));
        return get("scope.gateways").map(t -> fill(t, v)).orElse(host);
    }

    /** A probe's English detail in this bundle's language (translated whole, from data), to fill a template with. */
    private String localized(String detail) {
        return bundle.getLocale().getLanguage().equals("ja") ? Translator.into(Locale.JAPANESE).text(detail) : detail;
    }

    private Optional<String> get(String key) {
        try {
            return Optional.of(bundle.getString(key));
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }

    /** Replaces {name} with its value; unknown names stay as written. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(sb);
        return sb.toString().replace("  ", " ").trim();
    }

    /** Returns the locale for a --lang value ("en" or "ja"). */
    public static Locale locale(String lang) {
        return "ja".equalsIgnoreCase(lang) ? Locale.JAPANESE : Locale.ENGLISH;
    }

    /** The languages texts exist in. */
    public static List<String> languages() {
        return List.of("en", "ja");
    }

}
