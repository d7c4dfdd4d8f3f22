package dev.wscheck.probe;

import dev.wscheck.probe.dns.DnsProbe;
import dev.wscheck.probe.https.HttpsProbe;
import dev.wscheck.probe.latency.LatencyProbe;
import dev.wscheck.probe.reflector.ReflectorProbe;
import dev.wscheck.probe.tcp.TcpProbe;
import dev.wscheck.probe.tls.TlsProbe;
import dev.wscheck.probe.udp.UdpProbe;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one table of probes: adding a probe is one line here (plus its package and its catalog
 * entries). Explicit rather than discovered, so that it can be read and grepped.
 */
public final class ProbeRegistry {
    private final Map<ProbeKind, Probe> probes;

    private ProbeRegistry(Map<ProbeKind, Probe> probes) {
        this.probes = probes;
    }

    /** Returns the registry of every probe wscheck ships. */
    public static ProbeRegistry standard() {
        Map<ProbeKind, Probe> m = new EnumMap<>(ProbeKind.class);
        register(m, new DnsProbe());
        register(m, new TcpProbe());
        register(m, new TlsProbe());
        register(m, new HttpsProbe());
        register(m, new UdpProbe());
        register(m, new LatencyProbe());
        register(m, new ReflectorProbe());
        return new ProbeRegistry(m);
    }

    /** Returns a registry with only the given probes (tests). */
    public static ProbeRegistry of(Probe... list) {
        Map<ProbeKind, Probe> m = new EnumMap<>(ProbeKind.class);
        for (Probe p : list) {
            register(m, p);
        }
        return new ProbeRegistry(m);
    }

    private static void register(Map<ProbeKind, Probe> m, Probe p) {
        if (m.put(p.kind(), p) != null) {
            throw new IllegalStateException("two probes registered for " + p.kind().id());
        }
    }

    /** Returns the probe for {@code kind}; throws IllegalStateException if none is registered. */
    public Probe get(ProbeKind kind) {
        Probe p = probes.get(kind);
        if (p == null) {
            throw new IllegalStateException("no probe registered for " + kind.id());
        }
        return p;
    }
}
