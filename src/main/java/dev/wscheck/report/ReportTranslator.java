package dev.wscheck.report;

import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.RequirementDef;
import dev.wscheck.remediation.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Brings a report's own texts into the language asked for: requirement titles (by id), notes,
 * check details, remediation texts and route summaries, through the data-driven
 * {@link Translator}. A live Japanese run uses it for the probes' English details; {@code wscheck
 * report --lang} uses it to read an English report in Japanese, and a Japanese one in English.
 * Identifiers (ids, codes, targets, addresses) never change.
 */
public final class ReportTranslator {
    private ReportTranslator() {}

    /**
     * A live run's report in {@code locale}: the probes, the verdicts and the remediation write
     * English, so an English run is returned as it is (translating English into English gives the
     * same text and cost ~0.4 s of a check's start-up, cold).
     */
    public static Report fromProbes(Report r, Locale locale) {
        return locale.getLanguage().equals("ja") ? translate(r, locale) : r;
    }

    public static Report translate(Report r, Locale locale) {
        Translator t = Translator.into(locale);
        boolean ja = locale.getLanguage().equals("ja");
        List<Report.Requirement> reqs = new ArrayList<>();
        for (Report.Requirement q : r.requirements()) {
            List<Report.Check> checks = new ArrayList<>();
            for (Report.Check c : q.checks()) {
                checks.add(c.withDetail(t.text(c.detail())));
            }
            List<Report.Remedy> remedies = q.remediation().stream().map(m -> new Report.Remedy(m.code(), t.text(m.text()))).toList();
            Report.Route route = q.route() == null ? null : new Report.Route(q.route().clientUses(), q.route().proxy(), q.route().direct(),
                    q.route().proxyOutcome(), q.route().directOutcome(), t.text(q.route().summary()));
            reqs.add(new Report.Requirement(q.id(), q.category(), title(q, ja), q.protocol(), q.importance(), q.status(), t.text(q.note()), route,
                    checks, remedies, q.filtered(), q.failStreak()));
        }
        Environment e = r.environment();
        if (e != null && e.ipv6() != null && e.ipv6().reason() != null) {
            Environment.Ipv6 v6 = e.ipv6();
            e = e.withIpv6(new Environment.Ipv6(v6.globalAddress(), v6.defaultRoute(), v6.mode(), v6.checked(), v6.families(), t.text(v6.reason())));
        }
        return r.with(r.host(), r.proxy(), r.findings(), reqs, e);
    }

    /** The requirement's title in the language: the Japanese bundle's, or the built-in catalog's English one; as written otherwise. */
    private static String title(Report.Requirement q, boolean ja) {
        if (ja) {
            ResourceBundle b = ResourceBundle.getBundle("dev.wscheck.remediation.remediation", Locale.JAPANESE,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            try {
                return b.getString("title." + q.id());
            } catch (MissingResourceException e) {
                return q.title();
            }
        }
        return CatalogLoader.builtin().requirement(q.id()).map(RequirementDef::title).orElse(q.title());
    }

    /** The region's long name in {@code locale}; {@code english} where no translation exists. */
    public static String regionName(String code, String english, Locale locale) {
        Labels l = new Labels("dev.wscheck.report.reports", locale);
        return l.has("region." + code) ? l.get("region." + code) : english;
    }
}
