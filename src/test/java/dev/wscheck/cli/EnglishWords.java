package dev.wscheck.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds English words left in a line that should be Japanese. Values are not sentences and are
 * taken out first: quoted values, URLs, paths and file names, host names, options, commands in
 * quotes, identifiers with dashes or underscores, placeholders; what remains may hold only names
 * of things (protocols, products, formats), JapaneseCliTest.ALLOWED and a few more.
 */
final class EnglishWords {
    private static final Pattern MORE = Pattern.compile("(?i)utf|cidr|createdate|prefixes|schemaversion|begin|certificate|"
            + "int|true|false|id|ids|status|checks|remediation|inet|filter|home|localappdata|openssl|rand|base|"
            + "prompt|wsnrt|abc|ws|ms|m|d|h|mb|pid|fr|kb|get|show|web|socks|jar|db|ftp|personal|linux|access|identity|center|forrester|javascript|hosts|negotiate|ntlm|squid|acl|"
            + "dstdomain|latency|ssl_ports|proxy_auth|captcha|saml|css|workspace|turn|nslookup|allow");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

    private EnglishWords() {}

    static List<String> in(String line) {
        String text = line.replaceAll("^wscheck( reflector)?: ", " ")
                .replaceAll("'[^']*'|\"[^\"]*\"", " ")                       // quoted values and commands
                .replaceAll("\\S+://\\S*", " ")                              // URLs
                .replaceAll("[\\w.-]*[/\\\\][\\w./\\\\-]*", " ")              // paths
                .replaceAll("[\\w*.-]+\\.[A-Za-z]{2,}(:\\d+)?", " ")          // host and file names
                .replaceAll("(?<![\\w-])--?[A-Za-z][\\w-]*(=\\S+|\\s+[^\\s:（]+(?=:))?", " ") // options, and the value given with one
                .replaceAll("^\\s*[a-z0-9-]+(?=（|: )", " ")                    // the code or id a line is about
                .replaceAll("\\bWS[a-z]{3}\\b", " ")                             // registration-code prefixes
                .replaceAll("(?<![\\w.-])(schemaVersion|version|sources|protocols|publicRoots|regions|requirements)"
                        + "((\\[\\d+]|\\s\\([a-z0-9-]+\\)|\\.[\\w{}-]+)+|(?=:))", " ")  // a catalog's field paths
                .replaceAll("\\{\\w+}", " ")                                  // a catalog template's variables ({airport})
                .replaceAll("\\b[A-Za-z][a-z0-9]+[A-Z][A-Za-z0-9]*\\b", " ")  // a catalog's camelCase keys (healthCheck, notPublished)
                .replaceAll("\\b[A-Za-z0-9]+([_-][A-Za-z0-9]+)+\\b", " ")     // ids, codes, variables
                .replaceAll("\\b[A-Z][A-Z0-9|:]{1,}\\b", " ")                 // placeholders (FILE, HOST:PORT), acronyms
                .replaceAll("\\bX\\d+\\b", " ");                              // the tests' sample values
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group();
            if (!JapaneseCliTest.ALLOWED.matcher(w).matches() && !MORE.matcher(w).matches()) {
                out.add(w);
            }
        }
        return out;
    }
}
