package dev.wscheck.catalog.ipranges;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Address-membership lookups over any list of items that each carry a prefix: which items
 * contain this address, outermost prefix first. One {@link AddressIndex} per family.
 */
public final class PrefixIndex<T> {
    private final List<T> v4Items;
    private final List<T> v6Items;
    private final AddressIndex v4;
    private final AddressIndex v6;

    private PrefixIndex(List<T> v4Items, List<T> v6Items, AddressIndex v4, AddressIndex v6) {
        this.v4Items = v4Items;
        this.v6Items = v6Items;
        this.v4 = v4;
        this.v6 = v6;
    }

    public static <T> PrefixIndex<T> build(List<T> items, Function<T, IpPrefix> prefixOf) {
        List<T> v4Items = new ArrayList<>();
        List<T> v6Items = new ArrayList<>();
        List<IpPrefix> v4Prefixes = new ArrayList<>();
        List<IpPrefix> v6Prefixes = new ArrayList<>();
        for (T item : items) {
            IpPrefix p = prefixOf.apply(item);
            if (p.v6()) {
                v6Items.add(item);
                v6Prefixes.add(p);
            } else {
                v4Items.add(item);
                v4Prefixes.add(p);
            }
        }
        return new PrefixIndex<>(v4Items, v6Items, AddressIndex.build(false, v4Prefixes), AddressIndex.build(true, v6Prefixes));
    }

    /** The items whose prefix contains the address (4 or 16 bytes), outermost first. */
    public List<T> lookup(byte[] address) {
        boolean six = address.length == 16;
        long[] v = IpPrefix.value(address);
        int[] hits = (six ? v6 : v4).lookup(v[0], v[1]);
        if (hits.length == 0) {
            return List.of();
        }
        List<T> items = six ? v6Items : v4Items;
        List<T> out = new ArrayList<>(hits.length);
        for (int h : hits) {
            out.add(items.get(h));
        }
        return out;
    }

    /** Returns true when some item's prefix contains the address; allocates nothing but the address value. */
    public boolean contains(byte[] address) {
        long[] v = IpPrefix.value(address);
        return (address.length == 16 ? v6 : v4).lookup(v[0], v[1]).length > 0;
    }

    int segments() {
        return v4.segments() + v6.segments();
    }
}
