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

    ProbeResult run(CheckSpec check, ProbeContext ctx);
}
