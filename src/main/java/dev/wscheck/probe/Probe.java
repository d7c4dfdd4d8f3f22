package dev.wscheck.probe;

/**
 * The one shape every probe has. A probe performs one check and reports what happened on the
 * wire; it knows nothing of requirements, verdicts or reports.
 *
 * <p>Contract: {@link #run} returns within {@code ctx.timeout()} plus a little scheduling slack;
 * it does not throw for network failures (they become outcomes via {@link Outcome#classify});
 * it opens TCP connections only through {@code ctx.transport()}, so that proxies apply; it is
 * safe to call concurrently from many threads; it never sends anything to an address other
 * than the check's target, the context's resolved address, the configured DNS servers, or the
 * transport's proxy.
 */
public interface Probe {
    ProbeKind kind();

    /**
     * Builds expensive shared state (an event loop, a trust manager, an HTTP client) once per run,
     * before the first check of this kind starts, so that a check's timeout is spent on the wire and
     * not on class loading. Runs concurrently with checks of other kinds (the DNS steps, usually).
     * Must not send anything and must not throw; failures are left for {@link #run} to report.
     */
    default void prepare(ProbeResources resources) {}

    ProbeResult run(CheckSpec check, ProbeContext ctx);
}
