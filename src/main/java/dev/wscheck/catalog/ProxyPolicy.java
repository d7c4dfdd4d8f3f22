package dev.wscheck.catalog;

import java.util.Locale;

/** Whether the WorkSpaces client sends a requirement's traffic through a proxy. */
public enum ProxyPolicy {
    /** HTTPS on 443: the client uses the OS (or its own) proxy. */
    ALLOWED,
    /** UDP, and PCoIP TCP 4172: always direct; a proxy never carries it. */
    NEVER,
    /** DCV TCP 4195: through an HTTP proxy only on newer clients (Windows 5.1+, macOS 5.4+), not recommended. */
    OPTIONAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
