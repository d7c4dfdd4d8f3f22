package dev.wscheck.verdict;

import dev.wscheck.net.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verdict the WorkSpaces client would share when the proxy needs credentials (issue 13). wscheck
 * can authenticate to a proxy ({@code --proxy-user}) and so shows what passes with credentials, but
 * the client cannot: AWS does not support proxies that require authentication. A requirement whose
 * traffic goes through such a proxy therefore fails, or warns where the direct path works (the
 * client can be made to bypass the proxy), with a note that says why.
 */
public final class ProxyAuthRule {
    private ProxyAuthRule() {}

    /**
     * Applies the rule when {@code proxyNeedsCredentials} (the proxy refused wscheck without them);
     * {@code user} is the user wscheck authenticated as. Other verdicts are returned unchanged.
     */
    public static List<RequirementVerdict> apply(List<RequirementVerdict> verdicts, boolean proxyNeedsCredentials, String user) {
        if (!proxyNeedsCredentials) {
            return verdicts;
        }
        List<RequirementVerdict> out = new ArrayList<>();
        for (RequirementVerdict v : verdicts) {
            boolean throughProxy = v.checks().stream().anyMatch(c -> c.onPath() && c.result().via() == Route.PROXY && c.status() != Status.SKIP);
            if (!throughProxy || v.status() == Status.SKIP) {
                out.add(v);
                continue;
            }
            boolean directWorks = v.route().map(r -> r.direct().equals("works")).orElse(false);
            Status status = v.status().worst(directWorks ? Status.WARN : Status.FAIL);
            Note note = directWorks
                    ? new Note("note.proxy-auth-client-direct", Map.of("user", user),
                            "passes only with the proxy credentials of user '" + user + "', which the WorkSpaces client cannot send; the direct path works, so bypass the proxy for this destination")
                    : new Note("note.proxy-auth-client", Map.of("user", user),
                            "passes only with the proxy credentials of user '" + user + "', which the WorkSpaces client cannot send: for the client, this fails");
            out.add(new RequirementVerdict(v.requirement(), v.checks(), status, note, v.route()));
        }
        return out;
    }
}
