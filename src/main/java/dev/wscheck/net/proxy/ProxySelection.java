package dev.wscheck.net.proxy;

import dev.wscheck.net.NameResolver;
import dev.wscheck.net.ProxyEndpoint;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides, for each URL a run checks, whether the PC sends it direct or through which proxy,
 * from a {@link ProxyConfig}: the bypass list first, then the PAC file (if any), else the fixed
 * proxy. Built once before the run; every decision is kept for the report ("what each URL
 * resolved to").
 *
 * <p>A PAC file that cannot be loaded, or that throws, loops or answers nonsense for a URL, is a
 * finding, never a crash: the URL falls back as Windows' WinINet does, to the manual proxy when
 * one is configured beside the PAC, else direct. Of a PAC answer with several entries
 * ("PROXY a:3128; PROXY b:3128; DIRECT") the first usable one is taken, as the client tries them
 * in order; an HTTPS-type entry (TLS to the proxy) is not supported and is skipped, said in the rule.
 */
public final class ProxySelection {
    /** How a URL is sent. {@code rule} says why: "PAC: PROXY 198.18.1.1:3128", "NO_PROXY entry .corp". */
    public record Decision(String url, Optional<ProxyEndpoint> proxy, String rule) {}

    private final ProxyConfig config;
    private final Optional<PacScript> pac;
    private final Map<String, Decision> decisions = new LinkedHashMap<>();
    private final List<String> findings = new ArrayList<>();

    private ProxySelection(ProxyConfig config, Optional<PacScript> pac, List<String> findings) {
        this.config = config;
        this.pac = pac;
        this.findings.addAll(findings);
    }

    /** Options for PAC evaluation. */
    public record PacOptions(NameResolver resolver, Duration fetchTimeout, Duration dnsTimeout, Duration evalLimit,
                             Supplier<Optional<InetAddress>> myIp, Clock clock) {}

    /** Loads the config's PAC file, if it names one; a PAC that fails to load becomes a finding. */
    public static ProxySelection of(ProxyConfig config, PacOptions options) {
        List<String> findings = new ArrayList<>(config.notes());
        Optional<PacScript> script = Optional.empty();
        if (config.pac().isPresent()) {
            String location = config.pac().get();
            try {
                String text = PacLoader.load(location, options.resolver(), options.fetchTimeout());
                script = Optional.of(PacScript.load(location, text, options.resolver(), options.dnsTimeout(), options.myIp(),
                        options.clock(), options.evalLimit()));
            } catch (PacScript.PacException e) {
                findings.add(e.getMessage() + "; " + fallbackText(config));
            }
        }
        return new ProxySelection(config, script, findings);
    }

    private static String fallbackText(ProxyConfig config) {
        return config.proxy().map(p -> "falling back to the manual proxy " + p.url() + ", as Windows does")
                .orElse("checking direct, as a client does when its PAC file fails");
    }

    public ProxyConfig config() {
        return config;
    }

    /** Findings to report once: configuration notes, PAC load failures, per-URL PAC failures. */
    public synchronized List<String> findings() {
        return List.copyOf(findings);
    }

    /** Every decision made so far, in order. */
    public synchronized List<Decision> decisions() {
        return List.copyOf(decisions.values());
    }

    /**
     * Decides for {@code url} (whose host is {@code host}); the same URL is decided once.
     * Thread-safe.
     */
    public synchronized Decision decide(String url, String host) {
        Decision known = decisions.get(url);
        if (known != null) {
            return known;
        }
        Decision d = compute(url, host);
        decisions.put(url, d);
        return d;
    }

    private Decision compute(String url, String host) {
        if (!config.usesProxy()) {
            return new Decision(url, Optional.empty(), "no proxy configured");
        }
        Optional<String> bypassed = config.bypass().match(host);
        if (bypassed.isPresent()) {
            return new Decision(url, Optional.empty(), "bypass entry " + bypassed.get());
        }
        if (config.pac().isPresent()) {
            if (pac.isEmpty()) {
                return new Decision(url, config.proxy(), "PAC unusable; " + fallbackText(config));
            }
            try {
                String answer = pac.get().findProxyForUrl(url, host);
                return fromPac(url, answer);
            } catch (PacScript.PacException e) {
                findings.add(e.getMessage() + "; " + fallbackText(config));
                return new Decision(url, config.proxy(), "PAC failed for this URL; " + fallbackText(config));
            }
        }
        return new Decision(url, config.proxy(), config.origin());
    }

    private Decision fromPac(String url, String answer) {
        List<String> skipped = new ArrayList<>();
        for (String entry : answer.split(";")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            String[] parts = e.split("\\s+", 2);
            String kind = parts[0].toUpperCase(Locale.ROOT);
            if (kind.equals("DIRECT")) {
                return new Decision(url, Optional.empty(), "PAC: " + answer.trim());
            }
            if (parts.length < 2) {
                skipped.add(e);
                continue;
            }
            Optional<ProxyEndpoint> endpoint;
            switch (kind) {
                case "PROXY":
                case "HTTP":
                    endpoint = pacEndpoint(ProxyEndpoint.Kind.HTTP, parts[1].trim(), 80);
                    break;
                case "SOCKS":
                case "SOCKS5":
                    endpoint = pacEndpoint(ProxyEndpoint.Kind.SOCKS5, parts[1].trim(), 1080);
                    break;
                default:
                    endpoint = Optional.empty();
            }
            if (endpoint.isPresent()) {
                return new Decision(url, endpoint, "PAC: " + answer.trim());
            }
            skipped.add(e);
        }
        String why = "PAC answered \"" + answer.trim() + "\" for " + url + ": no usable entry" + (skipped.isEmpty() ? "" : " (" + String.join(", ", skipped) + ")");
        findings.add(why + "; " + fallbackText(config));
        return new Decision(url, config.proxy(), why + "; " + fallbackText(config));
    }

    /** A PAC entry's host name: letters, digits, '-', '.' and '_' (real intranet names have underscores, and the browsers accept them). */
    private static final java.util.regex.Pattern PAC_HOST = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]+");

    /**
     * The proxy of one PAC entry's "host[:port]" ("[v6]:port" for IPv6), with the browsers'
     * default port when none is given (80 for PROXY, as Chromium and Firefox use; 1080 for
     * SOCKS). Empty when the text is not a host and port.
     */
    static Optional<ProxyEndpoint> pacEndpoint(ProxyEndpoint.Kind kind, String hostPort, int defaultPort) {
        String host;
        String port = "";
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || NameResolver.literal(hostPort.substring(0, close + 1)).isEmpty()) {
                return Optional.empty();
            }
            host = hostPort.substring(1, close);
            String rest = hostPort.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Optional.empty();
                }
                port = rest.substring(1);
            }
        } else {
            int colon = hostPort.indexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? "" : hostPort.substring(colon + 1);
            if (!PAC_HOST.matcher(host).matches()) {
                return Optional.empty();
            }
        }
        if (!port.isEmpty() && !port.matches("\\d{1,5}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProxyEndpoint(kind, host, port.isEmpty() ? defaultPort : Integer.parseInt(port)));
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }
}
