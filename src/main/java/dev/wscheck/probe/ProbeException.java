package dev.wscheck.probe;

import java.io.IOException;

/**
 * An I/O failure whose outcome the throwing code already knows (a proxy's 407, a DNS rcode),
 * so that {@link Outcome#classify} need not guess. The message says where, through what and to
 * whom, e.g. "http proxy 198.18.1.1:3128 => skylight-cm.ap-northeast-1.amazonaws.com:443: 403 Forbidden".
 */
public class ProbeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final Outcome outcome;

    public ProbeException(Outcome outcome, String message) {
        super(message);
        this.outcome = outcome;
    }

    public ProbeException(Outcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
