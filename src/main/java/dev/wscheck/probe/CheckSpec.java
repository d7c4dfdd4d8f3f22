package dev.wscheck.probe;

/**
 * One check to run: a probe kind and its target. Two requirements that need the same check
 * (the health-check host's DNS, say) share one run of it; {@link #key()} is the sharing key.
 */
public record CheckSpec(ProbeKind probe, Target target) {
    /** Returns the target as the report names it for this probe. */
    public String targetDisplay() {
        return target.display(probe);
    }

    /** Returns the identity of this check within a run, e.g. {@code tcp drp-nrt.amazonworkspaces.com:4172}. */
    public String key() {
        return probe.id() + " " + targetDisplay();
    }
}
