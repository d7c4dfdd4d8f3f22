package dev.wscheck;

/**
 * A problem wscheck reports to the user as one line on stderr, with exit code 3 (UNKNOWN):
 * bad input, an unreadable file, a path that cannot be written. The message must say what is
 * wrong and where ("--catalog bad.yaml: line 4: unknown probe 'icmp'"), without a stack trace.
 */
public class WscheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WscheckException(String message) {
        super(message);
    }

    public WscheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
