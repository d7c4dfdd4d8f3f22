package dev.wscheck.probe;

import java.io.IOException;
import java.time.Duration;

/** The words every probe uses for a failed TCP connect, so that the same failure reads the same everywhere. */
public final class ConnectFailures {
    private ConnectFailures() {}

    /** Describes a connect failure that {@link Outcome#classify} mapped to {@code o}. */
    public static String describe(IOException e, Outcome o, Duration timeout) {
        switch (o) {
            case TCP_TIMEOUT:
                return "no answer within " + timeout.toMillis() + " ms";
            case TCP_REFUSED:
                return "connection refused";
            case TCP_RESET:
                return "connection reset";
            case TCP_UNREACHABLE:
                return "unreachable (" + e.getMessage() + ")";
            default:
                return ProbeException.reasonOf(e);
        }
    }
}
