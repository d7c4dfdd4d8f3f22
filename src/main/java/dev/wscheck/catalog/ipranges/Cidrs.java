package dev.wscheck.catalog.ipranges;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * CIDR aggregation: the smallest list of prefixes that covers exactly the same addresses as the
 * input. Contained prefixes disappear into their container, overlapping and adjacent ones are
 * merged ({@code 10.0.0.0/24} + {@code 10.0.1.0/24} = {@code 10.0.0.0/23}), and a merged run that
 * is not itself a prefix is cut into the fewest aligned prefixes. IPv4 and IPv6 are kept apart and
 * returned IPv4 first, each in address order.
 */
public final class Cidrs {
    private Cidrs() {}

    public static List<IpPrefix> aggregate(Collection<IpPrefix> prefixes) {
        List<IpPrefix> sorted = new ArrayList<>(prefixes);
        sorted.sort(IpPrefix.ORDER);
        List<IpPrefix> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            IpPrefix first = sorted.get(i);
            boolean v6 = first.v6();
            long sHi = first.hi();
            long sLo = first.lo();
            long eHi = first.lastHi();
            long eLo = first.lastLo();
            i++;
            // Extend the run while the next prefix starts inside it or right after it.
            while (i < sorted.size() && sorted.get(i).v6() == v6 && !isMax(eHi, eLo, v6)) {
                IpPrefix next = sorted.get(i);
                long nHi = eLo == -1L ? eHi + 1 : eHi;
                long nLo = eLo + 1;
                if (!v6 && eLo == 0xffffffffL) {
                    break;
                }
                if (IpPrefix.compare(next.hi(), next.lo(), nHi, nLo) > 0) {
                    break;
                }
                if (IpPrefix.compare(next.lastHi(), next.lastLo(), eHi, eLo) > 0) {
                    eHi = next.lastHi();
                    eLo = next.lastLo();
                }
                i++;
            }
            // A run that reached the top of the address space swallows everything after it.
            while (i < sorted.size() && sorted.get(i).v6() == v6 && isMax(eHi, eLo, v6)) {
                i++;
            }
            cover(v6, sHi, sLo, eHi, eLo, out);
        }
        return out;
    }

    /** Appends the fewest aligned prefixes that cover [s, e] exactly. */
    static void cover(boolean v6, long sHi, long sLo, long eHi, long eLo, List<IpPrefix> out) {
        int bits = v6 ? 128 : 32;
        while (true) {
            int k = Math.min(trailingZeros(sHi, sLo), bits);
            while (k > 0 && IpPrefix.compare(sHi | maskHi(k), sLo | maskLo(k), eHi, eLo) > 0) {
                k--;
            }
            out.add(new IpPrefix(v6, sHi, sLo, bits - k));
            long lastHi = sHi | maskHi(k);
            long lastLo = sLo | maskLo(k);
            if (IpPrefix.compare(lastHi, lastLo, eHi, eLo) >= 0) {
                return;
            }
            sHi = lastLo == -1L ? lastHi + 1 : lastHi;
            sLo = lastLo + 1;
        }
    }

    private static boolean isMax(long hi, long lo, boolean v6) {
        return v6 ? hi == -1L && lo == -1L : lo == 0xffffffffL;
    }

    private static int trailingZeros(long hi, long lo) {
        if (lo != 0) {
            return Long.numberOfTrailingZeros(lo);
        }
        return hi != 0 ? 64 + Long.numberOfTrailingZeros(hi) : 128;
    }

    /** Low {@code k} bits set, high word. */
    private static long maskHi(int k) {
        if (k <= 64) {
            return 0;
        }
        return k == 128 ? -1L : (1L << (k - 64)) - 1;
    }

    /** Low {@code k} bits set, low word. */
    private static long maskLo(int k) {
        if (k >= 64) {
            return -1L;
        }
        return k == 0 ? 0 : (1L << k) - 1;
    }
}
