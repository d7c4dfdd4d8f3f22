package dev.wscheck.catalog;

import java.util.Locale;

/** Whether a failing requirement stops WorkSpaces ({@code required}) or only a feature some sites use. */
public enum Importance {
    REQUIRED,
    /** Smart-card sign-in, SAML heartbeat, legacy metrics: a failure is reported as a warning. */
    OPTIONAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
