package dev.wscheck.catalog.ipranges;

import dev.wscheck.catalog.IpRanges;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The address ranges the WorkSpaces client reaches on port 443 (registration, authentication,
 * updates, session brokering), grouped as AWS's port-requirements page groups them (S1): the
 * AMAZON subset in GLOBAL, AMAZON in the WorkSpace's region, AMAZON in us-east-1 and in
 * us-west-2, and S3 in us-west-2. Each group is what {@code Get-AWSPublicIpAddressRange -Region R
 * -ServiceKey S} returns; a group the region already is (us-east-1's own) is listed once.
 */
public final class Port443Ranges {
    private Port443Ranges() {}

    /** One group: a region and service key of ip-ranges.json, its prefixes as published and merged. */
    public record Group(String region, String service, int ipv4Published, int ipv6Published, List<IpPrefix> ipv4, List<IpPrefix> ipv6) {
        /** The PowerShell command an administrator would type for the same list. */
        public String powershell() {
            return "Get-AWSPublicIpAddressRange -Region " + region + " -ServiceKey " + service;
        }
    }

    /** The (region, service) pairs for a WorkSpace in {@code region}, in the order AWS lists them. */
    public static List<String[]> keys(String region) {
        Set<String> seen = new LinkedHashSet<>();
        List<String[]> out = new ArrayList<>();
        for (String[] k : List.of(new String[] {"GLOBAL", "AMAZON"}, new String[] {region, "AMAZON"}, new String[] {"us-east-1", "AMAZON"},
                new String[] {"us-west-2", "AMAZON"}, new String[] {"us-west-2", "S3"})) {
            if (seen.add(k[0] + "/" + k[1])) {
                out.add(k);
            }
        }
        return out;
    }

    /** The groups for {@code region}, each merged on its own. */
    public static List<Group> groups(IpRanges ranges, String region) {
        List<Group> out = new ArrayList<>();
        for (String[] k : keys(region)) {
            List<IpRanges.Entry> entries = ranges.select(IpRanges.Filter.of(k[0], k[1]));
            List<IpPrefix> v4 = new ArrayList<>();
            List<IpPrefix> v6 = new ArrayList<>();
            for (IpRanges.Entry e : entries) {
                (e.prefix().v6() ? v6 : v4).add(e.prefix());
            }
            out.add(new Group(k[0], k[1], v4.size(), v6.size(), Cidrs.aggregate(v4), Cidrs.aggregate(v6)));
        }
        return out;
    }

    /** Every group's prefixes merged together (what one firewall object for "port 443" needs). */
    public static List<IpPrefix> union(List<Group> groups, boolean v6) {
        List<IpPrefix> all = new ArrayList<>();
        for (Group g : groups) {
            all.addAll(v6 ? g.ipv6() : g.ipv4());
        }
        return Cidrs.aggregate(all);
    }
}
