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

    /**
     * Returns what happened without the "where" prefix, for probes that put their own "where"
     * in front (a transport's message already names itself and the target). Subclasses that
     * build their message as "where: reason" return the reason; by default, the message.
     */
    public String reason() {
        return getMessage() == null ? getClass().getSimpleName() : getMessage();
    }

    /** Returns the reason of the first ProbeException in the cause chain, else the message of {@code t}. */
    public static String reasonOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ProbeException pe) {
                return pe.reason();
            }
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
