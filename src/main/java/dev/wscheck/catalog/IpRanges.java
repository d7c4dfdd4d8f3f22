package dev.wscheck.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.wscheck.WscheckException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * AWS's published address ranges (ip-ranges.json): its createDate and every IPv4/IPv6 prefix with
 * region and service. Read with a streaming parser; validated as it is read.
 */
public record IpRanges(String syncToken, String createDate, List<Entry> prefixes) {
    private static final Pattern CREATE_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}");

    /** One published prefix. */
    public record Entry(Cidr prefix, String region, String service, String networkBorderGroup) {}

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

    static IpRanges parse(String name, InputStream in) throws IOException {
        String syncToken = null;
        String createDate = null;
        List<Entry> entries = new ArrayList<>();
        boolean sawV4 = false;
        try (JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new WscheckException(name + ": not an ip-ranges.json document (expected a JSON object)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "syncToken":
                        syncToken = p.getValueAsString();
                        break;
                    case "createDate":
                        createDate = p.getValueAsString();
                        break;
                    case "prefixes":
                        sawV4 = true;
                        readPrefixes(name, p, "ip_prefix", entries);
                        break;
                    case "ipv6_prefixes":
                        readPrefixes(name, p, "ipv6_prefix", entries);
                        break;
                    default:
                        p.skipChildren();
                        break;
                }
            }
        } catch (JsonParseException e) {
            throw new WscheckException(name + ": line " + e.getLocation().getLineNr() + ": not valid JSON");
        }
        if (createDate == null || !CREATE_DATE.matcher(createDate).matches()) {
            throw new WscheckException(name + ": createDate missing or not in YYYY-MM-DD-hh-mm-ss form");
        }
        if (!sawV4) {
            throw new WscheckException(name + ": no \"prefixes\" array: not an ip-ranges.json document");
        }
        return new IpRanges(syncToken == null ? "" : syncToken, createDate, List.copyOf(entries));
    }

    private static void readPrefixes(String name, JsonParser p, String key, List<Entry> out) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new WscheckException(name + ": \"" + (key.equals("ip_prefix") ? "prefixes" : "ipv6_prefixes") + "\" must be an array");
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String prefix = null;
            String region = null;
            String service = null;
            String nbg = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                String v = p.getValueAsString();
                if (f.equals(key)) {
                    prefix = v;
                } else if (f.equals("region")) {
                    region = v;
                } else if (f.equals("service")) {
                    service = v;
                } else if (f.equals("network_border_group")) {
                    nbg = v;
                } else {
                    p.skipChildren();
                }
            }
            if (prefix == null || region == null || service == null) {
                throw new WscheckException(name + ": line " + p.currentLocation().getLineNr() + ": entry without " + key + ", region or service");
            }
            Cidr cidr;
            try {
                cidr = Cidr.parse(prefix);
            } catch (IllegalArgumentException e) {
                throw new WscheckException(name + ": line " + p.currentLocation().getLineNr() + ": " + e.getMessage());
            }
            out.add(new Entry(cidr, region, service, nbg == null ? "" : nbg));
        }
    }
}
