package dev.wscheck.net;

import java.util.Locale;

/** How a check reached its target: the JSON report's {@code checks[].via}. */
public enum Route {
    DIRECT,
    PROXY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
