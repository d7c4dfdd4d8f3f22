package dev.wscheck.net;

import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeException;

/**
 * A proxy failure with a known outcome. The message reads "where: reason", e.g.
 * "http proxy 198.18.1.1:3128 => skylight-cm.ap-northeast-1.amazonaws.com:443: 403 Forbidden";
 * {@link #reason()} is the part after the "where", for probes that write their own prefix.
 */
public final class ProxyException extends ProbeException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public ProxyException(Outcome outcome, String where, String reason) {
        super(outcome, where + ": " + reason);
        this.reason = reason;
    }

    public ProxyException(Outcome outcome, String where, String reason, Throwable cause) {
        super(outcome, where + ": " + reason, cause);
        this.reason = reason;
    }

    @Override
    public String reason() {
        return reason;
    }
}
