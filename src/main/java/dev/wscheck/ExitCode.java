package dev.wscheck;

/**
 * Process exit codes, the Nagios plugin convention (contract §2), so that any monitoring system
 * can run wscheck as a check. Kept outside {@code cli} so the engine and reports can name them.
 */
public enum ExitCode {
    /** Every requirement passed (inconclusive allowed unless --strict). */
    OK(0),
    /** Usable but degraded: UDP blocked with a TCP fallback, round trip above the best-experience bound. */
    WARNING(1),
    /** At least one requirement fails: WorkSpaces, or one of its protocols, will not work from here. */
    CRITICAL(2),
    /** wscheck could not judge: bad arguments, unreadable catalog, internal error. */
    UNKNOWN(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
