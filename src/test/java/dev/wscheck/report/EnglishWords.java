package dev.wscheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The English words left in a line of Japanese output once what is data is taken out: timestamps,
 * identifiers in code spans, URLs, host names, outcome codes and requirement ids, options, status
 * badges and exit-state names; the words that remain must be product, protocol or vendor names
 * and units (the allow-list). One place for every test that asks "is this Japanese all through?".
 */
public final class EnglishWords {
    /** Product, protocol and vendor names, units, and values wscheck prints as written (codes, sources). */
    static final Pattern ALLOWED = Pattern.compile("(?i)wscheck|amazon|workspaces|aws|pcoip|dcv|https?|tls|dns|tcp|udp|ntp|icmp|ip|ipv[46]?|"
            + "pc|vpn|ids?|rpz|nxdomain|reject|drop|ips|json|ms|ok|warning|critical|unknown|none|builtin|resolvers|resolv|conf|direct|"
            + "linux|amd|java|eclipse|adoptium|eth|fd|zscaler|root|ca|inc|cn|ocsp|crl|captcha|css|saml|iam|identity|center|web|access|turn|"
            + "api|pcm|ws|system|out|connect|proxy|pac|url|fail|pass|warn|skip|verbose|format|v|not|installed|utc|ap|northeast|tokyo|"
            + "asia|pacific|forrester|os|s|sso|metrics|min|host|port|allow|wsp|quic|gateway|gateways|x|"
            // probe ids, a command name; protocol and product words of the detail lines: TLS versions and cipher suites, DNS record and rcode names, vendors
            + "ipv|hosts|jdk|javascript|check|latency|reflector|tlsv|aes|gcm|sha|chacha|poly|ecdhe|rsa|ecdsa|nrpt|tc|p|rfc|nat|socks|squid|ssl_ports|err_access_denied|fortinet|"
            + "fortiguard|palo|alto|networks|basic|ntlm|negotiate|gssapi|windows|mtu|ttl|wscheck_reflector_key|createdate");

    private EnglishWords() {}

    /** Returns the English words of {@code line} that are neither data nor allowed names, each with the line. */
    public static List<String> in(String line) {
        String text = line.replaceAll("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z", " ")      // timestamps
                .replaceAll("^- (ユーザー|ホスト名): .*", " ")                     // the environment's values are data
                .replaceAll("`[^`]*`", " ")                                       // identifiers in code spans
                .replaceAll("\\S+://\\S+", " ")                                   // URLs
                .replaceAll("\\b[\\w-]+/[\\w./-]+", " ")                             // file paths (docs/network-quality.md)
                .replaceAll("[\\w*.-]+\\.[a-z]{2,}(:\\d+)?", " ")                 // host names
                .replaceAll("[a-z0-9]+(-[a-z0-9]+)+", " ")                        // outcome codes, requirement ids
                .replaceAll("--?[a-z][\\w-]*", " ")                               // options
                .replaceAll("サーバー: [^、）]*", " ")                              // a server's own name for itself (its Server header)
                .replaceAll("\\bX-[A-Za-z-]+", " ")                                 // HTTP header names
                .replaceAll("(realm=)?\"[\\x20-\\x7E]*\"|'[\\x20-\\x7E]*'", " ")          // quoted as received: a proxy's challenge, its first bytes, a user name
                .replaceAll("\\b0x[0-9a-fA-F]+", " ")                                // hexadecimal numbers (QUIC versions)
                .replaceAll("\\bTLS_[A-Z0-9_]+", " ")                               // cipher suite names
                .replaceAll("'CN=[^']*'|CN=[^,)）]*", " ")                        // certificate subjects are data
                .replaceAll("「[\\x20-\\x7E]*」", " ")                             // an English text quoted as found (a block page's words)
                .replaceAll("\\b[1-5]\\d\\d( [A-Z][a-z]+)+", " ")                  // an HTTP status and its reason phrase
                .replaceAll("\\b(NOERROR|NXDOMAIN|SERVFAIL|REFUSED|CNAME|AAAA|A)\\b", " ") // DNS record types and rcodes, as written
                .replaceAll("^ {2}(PASS|FAIL|WARN|SKIP|\\?{4}) ", " ")            // console status badges
                .replaceAll("\\b(CRITICAL|WARNING|OK|UNKNOWN)\\b", " ");        // exit status names
        List<String> english = new ArrayList<>();
        Matcher m = Pattern.compile("[A-Za-z_]+").matcher(text);
        while (m.find()) {
            if (!ALLOWED.matcher(m.group()).matches()) {
                english.add(m.group() + " in: " + line);
            }
        }
        return english;
    }
}
