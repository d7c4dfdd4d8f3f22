package dev.wscheck.report;

/**
 * Text read from a file (a saved report, a stored history run) on its way to a terminal: every
 * control character but line feed and tab, and the Unicode line and paragraph separators, shown as
 * {@code \\uXXXX}. A hostile or damaged file must not clear the screen, move the cursor or retitle
 * the window of whoever reads it with {@code wscheck report} or {@code wscheck history}.
 */
public final class TerminalSafe {
    private TerminalSafe() {}

    /** {@code s} with its control characters shown; the same string when it holds none (null stays null). */
    public static String text(String s) {
        if (s == null || !needsEscape(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (escaped(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (escaped(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean escaped(char c) {
        return (Character.isISOControl(c) && c != '\n' && c != '\t') || c == '\u2028' || c == '\u2029';
    }
}
