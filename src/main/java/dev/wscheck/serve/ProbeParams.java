package dev.wscheck.serve;

import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.Protocols;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of {@code GET /probe?region=R[&protocol=P][&only=ID]...}, validated against the
 * catalog: a region the catalog knows (required, once), a protocol (pcoip, dcv, wsp or all; at most
 * once) and up to {@link #MAX_ONLY} requirement ids or categories. Anything else is a
 * {@link BadRequest} with one line saying what.
 */
record ProbeParams(String region, List<String> protocols, List<String> only) {
    static final int MAX_ONLY = 32;
    private static final Set<String> KNOWN = Set.of("region", "protocol", "only");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    ProbeParams {
        protocols = List.copyOf(protocols);
        only = List.copyOf(only);
    }

    /** Parses a raw (still percent-encoded) query string. */
    static ProbeParams parse(String rawQuery, Catalog catalog) {
        Map<String, List<String>> q = query(rawQuery);
        for (String name : q.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new BadRequest("unknown parameter '" + shown(name) + "' (known: region, protocol, only)");
            }
        }
        String region = single(q, "region").orElseThrow(() -> new BadRequest("region is required, e.g. /probe?region=ap-northeast-1"));
        region = region.toLowerCase(Locale.ROOT);
        if (!NAME.matcher(region).matches() || catalog.region(region).isEmpty()) {
            throw new BadRequest("region '" + shown(region) + "' is not a region of the catalog (known: "
                    + String.join(", ", catalog.regions().keySet()) + ")");
        }
        List<String> protocols = protocols(single(q, "protocol").orElse("all"));
        List<String> only = q.getOrDefault("only", List.of());
        if (only.size() > MAX_ONLY) {
            throw new BadRequest("at most " + MAX_ONLY + " only= parameters");
        }
        for (String o : only) {
            if (!NAME.matcher(o).matches() || catalog.requirements().stream().noneMatch(r -> r.id().equals(o) || r.category().equals(o))) {
                throw new BadRequest("only '" + shown(o) + "' is no requirement id or category of the catalog (see wscheck requirements)");
            }
        }
        return new ProbeParams(region, protocols, only);
    }

    private static List<String> protocols(String p) {
        return Protocols.select(p).orElseThrow(() -> new BadRequest("protocol '" + shown(p) + "': use pcoip, dcv (or wsp) or all"));
    }

    private static java.util.Optional<String> single(Map<String, List<String>> q, String name) {
        List<String> v = q.getOrDefault(name, List.of());
        if (v.size() > 1) {
            throw new BadRequest(name + " given " + v.size() + " times; give it once");
        }
        if (v.size() == 1 && v.get(0).isEmpty()) {
            throw new BadRequest(name + " is empty");
        }
        return v.stream().findFirst();
    }

    /** Decodes a query string into names and their values in order; a malformed escape is a BadRequest. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed query string: " + e.getMessage());
        }
    }

    /** A value as it is quoted back in an error: printable ASCII only, at most 64 characters. */
    static String shown(String v) {
        String s = v.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
