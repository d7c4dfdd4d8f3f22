package dev.wscheck.catalog;

import dev.wscheck.probe.CheckSpec;
import java.util.Optional;

/**
 * A check in a requirement's plan. {@code after} is the check it depends on (the TCP connect
 * depends on the DNS answer, TLS on the connect, HTTPS on TLS): when that one fails, this one is
 * reported as skipped instead of failing a second time for the same reason.
 *
 * @param ipv6Path the check is on the requirement's IPv6 path (its {@code .api.aws} name, or the
 *                 region's IPv6 health-check host): it connects to IPv6 addresses only, and warns
 *                 instead of deciding the requirement (docs/probes-tls-https.md, "IPv6 path")
 * @param notRun   set when the plan already knows the check cannot run, with the reason (this PC has
 *                 no IPv6): the engine reports it as skipped and sends nothing
 */
public record PlannedCheck(CheckSpec spec, Optional<CheckSpec> after, boolean ipv6Path, Optional<String> notRun) {
    public PlannedCheck(CheckSpec spec, Optional<CheckSpec> after) {
        this(spec, after, false, Optional.empty());
    }
}
