package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.testing.CliRun;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * --version under every command and language; --help in Japanese for every command, with no
 * user-visible English left (option names, placeholders, codes, file names, product names and
 * the words of fixed values such as format names are allowed).
 */
class JapaneseCliTest {
    static final List<List<String>> COMMANDS = List.of(List.of(), List.of("check"), List.of("requirements"), List.of("ip-ranges"),
            List.of("ip-ranges", "update"), List.of("ip-ranges", "show"), List.of("explain"), List.of("report"),
            List.of("serve"), List.of("history"), List.of("regions"), List.of("reflector"));

    static Stream<List<String>> versionArgs() {
        List<List<String>> out = new ArrayList<>();
        for (List<String> c : COMMANDS) {
            for (List<String> lang : List.of(List.<String>of(), List.of("--lang", "ja"), List.of("--lang", "en"))) {
                for (String flag : List.of("--version", "-V")) {
                    List<String> a = new ArrayList<>(lang);
                    a.addAll(c);
                    a.add(flag);
                    out.add(a);
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "wscheck {0} prints the version")
    @MethodSource("versionArgs")
    void versionEverywhere(List<String> args) {
        CliRun r = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("wscheck \\S+\\R"), "got: '" + r.out() + "'");
    }

    static Stream<List<String>> commands() {
        return COMMANDS.stream();
    }

    /** Words that may stay English in Japanese text: names of things, not sentences. */
    static final Pattern ALLOWED = Pattern.compile("(?i)wscheck|amazon|workspaces|aws|pcoip|dcv|wsp|https?|tls|dns|tcp|udp|ntp|pac|url|ip|ipv4|ipv6|"
            + "json|html|markdown|junit|xml|prometheus|nagios|console|table|csv|squid|nft|windows|firewall|paloalto|edl|fortigate|domains|"
            + "pem|id|ok|warning|critical|unknown|system|none|all|socks5|host|port|proxy|user|file|region|code|requirement|category|dur|n|"
            + "format|fs|usage|commands?|en|ja|global|amazon_?|workspaces_gateways|trust|services?|address|family|name|rule|cidr|ms|s|"
            + "wsnrt|abc123|ap|northeast|tokyo|macos|trust|root|services|mobility|ranges|directoryid|help|update|show|explain|report|"
            + "check|requirements|ip-ranges|e|g|vpn|dcv|tcp|inet|filter|cache|https_proxy|no_color|wscheck_region|wscheck_proxy_password|"
            + "refused|streaming|pcoip-streaming-udp|tcp-refused|env|os|cli|wscheck_config|pc|ipv|md|prom|abc|fips|vpc|govcloud|privatelink|us|east|west|serve|history|regions|reflector|probe|metrics|r|localhost|wscheck_reflector_key|d|h|z|x|properties|dir|mtu|auto|on|off");

    @ParameterizedTest(name = "wscheck --lang ja {0} --help: Japanese throughout")
    @MethodSource("commands")
    void japaneseHelp(List<String> command) {
        List<String> a = new ArrayList<>(List.of("--lang", "ja"));
        a.addAll(command);
        a.add("--help");
        CliRun r = CliRun.of(a.toArray(new String[0]));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("使い方: wscheck" + (command.isEmpty() ? "" : " " + String.join(" ", command))), r.out());
        List<String> english = new ArrayList<>();
        for (String line : r.out().split("\\R")) {
            // The synopsis and the option column are names, not text.
            String text = line.replaceAll("^\\s*(-\\S+,\\s+)?(--?[\\w-]+(=\\S+)?|[A-Z.|a-z]+\\.json|CODE\\|REQUIREMENT)\\s{2,}", "");
            if (line.startsWith("使い方:") || line.matches("^\\s{10,}\\[.*") || line.matches("^\\s+[a-z-]+\\s{2,}.*") && false) {
                continue;
            }
            Matcher m = Pattern.compile("[A-Za-z][A-Za-z_-]*[A-Za-z]|[A-Za-z]").matcher(text.replaceAll("--?[\\w-]+(=\\S+)?|\\$\\{[^}]+}|<[^>]+>|\\S+\\.\\S+|\\S+://\\S+", ""));
            while (m.find()) {
                for (String w : m.group().split("-")) {
                    if (!w.isEmpty() && !ALLOWED.matcher(w).matches()) {
                        english.add(w + " in: " + line.trim());
                    }
                }
            }
        }
        assertTrue(english.isEmpty(), "English left in the Japanese help: " + english);
    }
}
