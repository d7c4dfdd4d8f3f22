package dev.wscheck.probe;

import java.util.Locale;

/** The kinds of probe wscheck runs; the JSON report's {@code checks[].probe} value is {@link #id()}. */
public enum ProbeKind {
    DNS,
    TCP,
    TLS,
    HTTPS,
    UDP,
    LATENCY,
    /** Round trips to a {@code wscheck reflector} (check --reflector): UDP series, path MTU, TCP round trips. */
    REFLECTOR;

    /** Returns the stable lower-case identifier used in catalogs and reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the kind named {@code id} (case-insensitive), or throws IllegalArgumentException. */
    public static ProbeKind fromId(String id) {
        for (ProbeKind k : values()) {
            if (k.id().equalsIgnoreCase(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown probe '" + id + "' (known: dns, tcp, tls, https, udp, latency, reflector)");
    }
}
