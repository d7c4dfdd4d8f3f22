package dev.wscheck.catalog.ipranges;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which published prefixes contain an address, answered by one binary search.
 *
 * <p>CIDR prefixes never partly overlap: two are either disjoint or one contains the other. So
 * the address space cuts into segments inside which the set of containing prefixes does not
 * change, and a sweep over the prefixes in address order with a stack of the open ones yields
 * every segment with its set. A lookup finds the segment that starts at or before the address.
 * Built once per family; immutable afterwards and safe to share between threads.
 */
final class AddressIndex {
    private static final int[] NONE = new int[0];

    private final boolean v6;
    private final long[] startHi;
    private final long[] startLo;
    private final int[][] members;

    private AddressIndex(boolean v6, long[] startHi, long[] startLo, int[][] members) {
        this.v6 = v6;
        this.startHi = startHi;
        this.startLo = startLo;
        this.members = members;
    }

    /**
     * Builds the index of {@code prefixes} (all of one family); a segment's members are indexes
     * into that list.
     */
    static AddressIndex build(boolean v6, List<IpPrefix> prefixes) {
        Integer[] order = new Integer[prefixes.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> IpPrefix.ORDER.compare(prefixes.get(a), prefixes.get(b)));
        Builder b = new Builder(prefixes.size());
        int[] stack = new int[Math.max(8, prefixes.size())];
        int depth = 0;
        for (int idx : order) {
            IpPrefix p = prefixes.get(idx);
            // Close every open prefix that ends before this one starts.
            while (depth > 0 && IpPrefix.compare(prefixes.get(stack[depth - 1]).lastHi(), prefixes.get(stack[depth - 1]).lastLo(), p.hi(), p.lo()) < 0) {
                IpPrefix closed = prefixes.get(stack[--depth]);
                b.boundaryAfter(closed, stack, depth);
            }
            stack[depth++] = idx;
            b.boundary(p.hi(), p.lo(), stack, depth);
        }
        while (depth > 0) {
            IpPrefix closed = prefixes.get(stack[--depth]);
            b.boundaryAfter(closed, stack, depth);
        }
        return new AddressIndex(v6, Arrays.copyOf(b.hi, b.n), Arrays.copyOf(b.lo, b.n), Arrays.copyOf(b.sets, b.n));
    }

    /** Returns the indexes of the prefixes containing the address {hi, lo}; an empty array if none. */
    int[] lookup(long hi, long lo) {
        int low = 0;
        int high = startLo.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = v6 ? IpPrefix.compare(startHi[mid], startLo[mid], hi, lo) : Long.compare(startLo[mid], lo);
            if (c <= 0) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found < 0 ? NONE : members[found];
    }

    /** Number of segments (for tests and the benchmark's sanity check). */
    int segments() {
        return startLo.length;
    }

    /** Collects segment starts; a later boundary at the same address replaces the earlier one. */
    private static final class Builder {
        long[] hi;
        long[] lo;
        int[][] sets;
        int n;

        Builder(int expected) {
            int cap = Math.max(16, expected * 2 + 1);
            hi = new long[cap];
            lo = new long[cap];
            sets = new int[cap][];
        }

        void boundary(long h, long l, int[] stack, int depth) {
            int[] set = depth == 0 ? NONE : Arrays.copyOf(stack, depth);
            if (n > 0 && hi[n - 1] == h && lo[n - 1] == l) {
                sets[n - 1] = set;
                return;
            }
            if (n == lo.length) {
                hi = Arrays.copyOf(hi, n * 2);
                lo = Arrays.copyOf(lo, n * 2);
                sets = Arrays.copyOf(sets, n * 2);
            }
            hi[n] = h;
            lo[n] = l;
            sets[n] = set;
            n++;
        }

        /** A segment starts right after {@code closed} ends, unless it ends at the top of the space. */
        void boundaryAfter(IpPrefix closed, int[] stack, int depth) {
            long h = closed.lastHi();
            long l = closed.lastLo();
            if (closed.v6() ? (h == -1L && l == -1L) : l == 0xffffffffL) {
                return;
            }
            boundary(l == -1L ? h + 1 : h, l + 1, stack, depth);
        }
    }

    /** For diagnostics: the segments as text. */
    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < startLo.length; i++) {
            out.add(new IpPrefix(v6, startHi[i], startLo[i], v6 ? 128 : 32).address() + "=" + Arrays.toString(members[i]));
        }
        return String.join(" ", out);
    }
}
