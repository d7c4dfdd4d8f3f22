package dev.wscheck.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.wscheck.WscheckException;
import dev.wscheck.catalog.ipranges.IpPrefix;
import dev.wscheck.catalog.ipranges.PrefixIndex;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * AWS's published address ranges (ip-ranges.json): its createDate and every IPv4/IPv6 prefix with
 * region, service and network border group, plus an index that answers "which of them contain
 * this address" in one binary search. Read with a streaming parser and validated as it is read:
 * a malformed file is one WscheckException naming the file, the line and the problem.
 * Immutable; safe to share between threads.
 */
public final class IpRanges {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter CREATE_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd-HH-mm-ss", Locale.ROOT);

    /** One published prefix. Unknown service and region values are valid (AWS adds them without notice). */
    public record Entry(IpPrefix prefix, String region, String service, String networkBorderGroup) {}

    /**
     * A filter like {@code Get-AWSPublicIpAddressRange -Region … -ServiceKey …}: values compare
     * case-insensitively, {@code GLOBAL} is a region like any other, an empty set matches all.
     */
    public record Filter(Set<String> regions, Set<String> services) implements Predicate<Entry> {
        public static Filter of(String region, String service) {
            return new Filter(Set.of(region), Set.of(service));
        }

        @Override
        public boolean test(Entry e) {
            return anyEquals(regions, e.region()) && anyEquals(services, e.service());
        }

        private static boolean anyEquals(Set<String> values, String v) {
            if (values.isEmpty()) {
                return true;
            }
            for (String s : values) {
                if (s.equalsIgnoreCase(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final String syncToken;
    private final String createDate;
    private final Instant createdAt;
    private final List<Entry> entries;
    private final PrefixIndex<Entry> index;

    private IpRanges(String syncToken, String createDate, Instant createdAt, List<Entry> entries) {
        this.syncToken = syncToken;
        this.createDate = createDate;
        this.createdAt = createdAt;
        this.entries = entries;
        this.index = PrefixIndex.build(entries, Entry::prefix);
    }

    public String syncToken() {
        return syncToken;
    }

    /** The file's createDate exactly as published, {@code YYYY-MM-DD-hh-mm-ss} (UTC). */
    public String createDate() {
        return createDate;
    }

    /** The createDate as an instant. */
    public Instant createdAt() {
        return createdAt;
    }

    /** Every prefix, IPv4 first, in file order. */
    public List<Entry> entries() {
        return entries;
    }

    public long ipv4Count() {
        return entries.stream().filter(e -> !e.prefix().v6()).count();
    }

    public long ipv6Count() {
        return entries.stream().filter(e -> e.prefix().v6()).count();
    }

    /** The entries a filter selects, in file order. */
    public List<Entry> select(Predicate<Entry> filter) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The published prefixes that contain {@code address}, outermost first; empty when AWS publishes none. */
    public List<Entry> lookup(InetAddress address) {
        return index.lookup(address.getAddress());
    }

    /** Returns the entries that contain every address of {@code prefix} (a prefix inside a published one). */
    public List<Entry> containing(IpPrefix prefix) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : index.lookup(prefix.inetAddress().getAddress())) {
            if (e.prefix().contains(prefix)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Returns true when AWS publishes some prefix that contains {@code address}. */
    public boolean contains(InetAddress address) {
        return !lookup(address).isEmpty();
    }

    /** Every region value in the file (lower case as published, GLOBAL upper case), sorted. */
    public Set<String> regions() {
        Set<String> out = new TreeSet<>();
        entries.forEach(e -> out.add(e.region()));
        return out;
    }

    /** Every service key in the file, sorted. */
    public Set<String> services() {
        Set<String> out = new TreeSet<>();
        entries.forEach(e -> out.add(e.service()));
        return out;
    }

    /** Loads and validates {@code file}; a bad file is a WscheckException naming the option and the problem. */
    public static IpRanges load(String option, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(option + " " + file, in);
        } catch (NoSuchFileException e) {
            throw new WscheckException(option + " " + file + ": no such file");
        } catch (IOException e) {
            throw new WscheckException(option + " " + file + ": cannot read: " + e.getMessage());
        }
    }

    /** Parses an ip-ranges.json document; {@code name} prefixes every error message. */
    public static IpRanges parse(String name, InputStream in) throws IOException {
        String syncToken = null;
        String createDate = null;
        List<Entry> v4 = new ArrayList<>(16384);
        List<Entry> v6 = new ArrayList<>(8192);
        boolean sawV4 = false;
        Map<String, String> strings = new HashMap<>();
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new WscheckException(name + ": not an ip-ranges.json document (expected a JSON object)");
            }
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (field) {
                    case "syncToken":
                        syncToken = p.getValueAsString();
                        break;
                    case "createDate":
                        createDate = t == JsonToken.VALUE_STRING ? p.getText() : null;
                        break;
                    case "prefixes":
                        sawV4 = true;
                        readPrefixes(name, p, "prefixes", "ip_prefix", false, v4, strings);
                        break;
                    case "ipv6_prefixes":
                        readPrefixes(name, p, "ipv6_prefixes", "ipv6_prefix", true, v6, strings);
                        break;
                    default:
                        p.skipChildren();
                        break;
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new WscheckException(name + ": line " + p.currentLocation().getLineNr() + ": not an ip-ranges.json document");
            }
            if (p.nextToken() != null) {
                throw new WscheckException(name + ": line " + p.currentLocation().getLineNr() + ": content after the end of the document");
            }
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new WscheckException(name + ": " + line + "not valid JSON (" + String.valueOf(e.getOriginalMessage()).replace('\n', ' ').replace('\r', ' ') + ")");
        }
        Instant created;
        try {
            created = createDate == null ? null : LocalDateTime.parse(createDate, CREATE_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            created = null;
        }
        if (created == null) {
            throw new WscheckException(name + ": createDate missing or not in YYYY-MM-DD-hh-mm-ss form");
        }
        if (!sawV4) {
            throw new WscheckException(name + ": no \"prefixes\" array: not an ip-ranges.json document");
        }
        List<Entry> all = new ArrayList<>(v4.size() + v6.size());
        all.addAll(v4);
        all.addAll(v6);
        return new IpRanges(syncToken == null ? "" : syncToken, createDate, created, List.copyOf(all));
    }

    private static void readPrefixes(String name, JsonParser p, String array, String key, boolean v6, List<Entry> out,
                                     Map<String, String> strings) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new WscheckException(name + ": line " + p.currentLocation().getLineNr() + ": \"" + array + "\" must be an array");
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            IpPrefix prefix = null;
            String region = null;
            String service = null;
            String nbg = "";
            String f;
            while ((f = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                if (f.equals(key)) {
                    if (v != JsonToken.VALUE_STRING) {
                        throw new WscheckException(name + ": line " + p.currentLocation().getLineNr() + ": " + key + " must be a string");
                    }
                    try {
                        prefix = IpPrefix.parse(java.nio.CharBuffer.wrap(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
                    } catch (IllegalArgumentException e) {
                        throw new WscheckException(name + ": line " + p.currentLocation().getLineNr() + ": " + e.getMessage());
                    }
                    if (prefix.v6() != v6) {
                        throw new WscheckException(name + ": line " + p.currentLocation().getLineNr() + ": " + prefix
                                + " is " + (v6 ? "IPv4" : "IPv6") + " but listed in \"" + array + "\"");
                    }
                } else if (f.equals("region")) {
                    region = intern(name, strings, p, v);
                } else if (f.equals("service")) {
                    service = intern(name, strings, p, v);
                } else if (f.equals("network_border_group")) {
                    nbg = intern(name, strings, p, v);
                } else {
                    p.skipChildren();
                }
            }
            if (prefix == null || region == null || service == null) {
                throw new WscheckException(name + ": line " + p.currentLocation().getLineNr() + ": entry without " + key + ", region or service");
            }
            out.add(new Entry(prefix, region, service, nbg == null ? "" : nbg));
        }
        if (t != JsonToken.END_ARRAY) {
            throw new WscheckException(name + ": line " + p.currentLocation().getLineNr() + ": \"" + array + "\" must hold objects only");
        }
    }

    /** Region, service and border-group values repeat thousands of times; keep one copy of each. */
    private static String intern(String name, Map<String, String> strings, JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw new WscheckException(name + ": line " + p.currentLocation().getLineNr() + ": " + p.currentName() + " must be a string");
        }
        String s = p.getText();
        String known = strings.putIfAbsent(s, s);
        return known == null ? s : known;
    }
}
