package dev.wscheck.run;

import dev.wscheck.WscheckException;
import dev.wscheck.net.NameResolver;
import dev.wscheck.net.ProxyCredentials;
import dev.wscheck.net.ProxyEndpoint;
import dev.wscheck.net.proxy.BypassList;
import dev.wscheck.net.proxy.ProxyConfig;
import dev.wscheck.net.proxy.ProxySelection;
import dev.wscheck.net.proxy.SystemProxyDiscovery;
import dev.wscheck.report.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Turns {@code --proxy}, {@code --pac} and {@code --proxy-user} into the run's proxy
 * configuration and credentials, before the first packet; and the run's proxy facts into the
 * report's {@code proxy} object. The password comes only from {@code WSCHECK_PROXY_PASSWORD} or
 * an interactive prompt, and never appears in a message, a report or a log.
 */
public final class ProxySetup {
    public static final String PASSWORD_VARIABLE = "WSCHECK_PROXY_PASSWORD";

    private ProxySetup() {}

    /** Reads a secret interactively; empty when there is nobody to ask (no console, tests, serve). */
    @FunctionalInterface
    public interface PasswordPrompt {
        Optional<char[]> read(String prompt);
    }

    /** The configuration and the sources consulted to find it. */
    public record Found(ProxyConfig config, List<String> consulted) {}

    /**
     * {@code --proxy none|system|URL} and {@code --pac}: an explicit PAC wins (with an explicit
     * proxy URL, if given, as its fallback); {@code system} runs the OS discovery.
     */
    public static Found config(String proxy, Optional<String> pac, Map<String, String> env, Properties javaProperties,
                        SystemProxyDiscovery.CommandRunner runner, SystemProxyDiscovery.Os os) {
        String p = proxy.trim();
        Optional<ProxyEndpoint> explicit = Optional.empty();
        String mode = p.toLowerCase(Locale.ROOT);
        if (!mode.equals("none") && !mode.equals("system")) {
            try {
                explicit = Optional.of(ProxyEndpoint.parse(p, true));
            } catch (IllegalArgumentException e) {
                throw new WscheckException("--proxy: " + e.getMessage() + " (use http://host:port, socks5://host:port, system or none)");
            }
        }
        if (pac.isPresent()) {
            if (pac.get().isBlank()) {
                throw new WscheckException("--pac needs a URL or a file");
            }
            return new Found(ProxyConfig.pacFile("--pac", pac.get(), explicit, BypassList.empty(), List.of()), List.of("--pac " + pac.get()));
        }
        if (explicit.isPresent()) {
            return new Found(ProxyConfig.fixed("explicit", "--proxy", explicit.get(), BypassList.empty(), List.of()), List.of());
        }
        if (mode.equals("none")) {
            return new Found(ProxyConfig.none("--proxy none", List.of()), List.of());
        }
        SystemProxyDiscovery.Result r = SystemProxyDiscovery.discover(os, env, javaProperties, runner);
        return new Found(r.config(), r.consulted());
    }

    /**
     * The credentials for {@code --proxy-user}: the password from WSCHECK_PROXY_PASSWORD, else from
     * the prompt; neither → one clear error (exit 3). A "user:password" value is refused without
     * repeating it.
     */
    public static Optional<ProxyCredentials> credentials(Optional<String> user, ProxyConfig config, Map<String, String> env,
                                                         PasswordPrompt prompt) {
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String u = user.get();
        if (u.isEmpty()) {
            throw new WscheckException("--proxy-user needs a user name");
        }
        if (u.contains(":")) {
            throw new WscheckException("--proxy-user takes the user name only; give the password in " + PASSWORD_VARIABLE
                    + " or at the prompt, never on the command line");
        }
        if (config.source().equals("none") && !config.usesProxy() && config.origin().equals("--proxy none")) {
            throw new WscheckException("--proxy-user needs a proxy (--proxy none was given)");
        }
        String fromEnv = env.get(PASSWORD_VARIABLE);
        if (fromEnv != null) {
            return Optional.of(new ProxyCredentials(u, fromEnv.toCharArray()));
        }
        Optional<char[]> typed = prompt.read("Password for proxy user " + u + ": ");
        if (typed.isEmpty()) {
            throw new WscheckException("--proxy-user " + u + ": no password: set " + PASSWORD_VARIABLE
                    + " or run wscheck on a terminal to be asked for it");
        }
        char[] pw = typed.get();
        ProxyCredentials c = new ProxyCredentials(u, pw);
        Arrays.fill(pw, '\0');
        return Optional.of(c);
    }

    /** The report's {@code proxy} object: where the proxy came from, what each URL went through, the findings. */
    public static Report.Proxy report(ProxySelection selection, Optional<ProxyCredentials> credentials, List<String> consulted, boolean dcvProxy) {
        ProxyConfig c = selection.config();
        List<Report.Resolved> resolved = new ArrayList<>();
        for (ProxySelection.Decision d : selection.decisions()) {
            resolved.add(new Report.Resolved(d.url(), d.proxy().map(ProxyEndpoint::url).orElse("direct"), d.rule()));
        }
        List<String> findings = new ArrayList<>(selection.findings());
        if (credentials.isPresent() && c.usesProxy()) {
            findings.add("wscheck authenticated to the proxy as user '" + credentials.get().user() + "'; the WorkSpaces client cannot "
                    + "authenticate to a proxy: where the proxy demands credentials, every requirement sent through it fails (warns where "
                    + "the direct path works); for the client, the proxy must let the WorkSpaces destinations through without authentication, "
                    + "or the client must bypass it");
        }
        if (dcvProxy && c.usesProxy()) {
            findings.add("--dcv-proxy: DCV TCP 4195 is checked through the HTTP proxy, as Windows clients 5.1+ and macOS clients 5.4+ can send it; "
                    + "AWS recommends a direct path for streaming traffic");
        }
        String url = c.pac().isPresent() ? null : c.proxy().map(ProxyEndpoint::url).orElse(null);
        return new Report.Proxy(c.source(), url, c.origin(), c.pac().orElse(null), credentials.map(ProxyCredentials::user).orElse(null),
                resolved, findings, consulted);
    }

    /**
     * Whether the proxy the checks went through refuses a connection without credentials, i.e. the
     * WorkSpaces client (which cannot authenticate to a proxy) would be refused: one CONNECT (or SOCKS5
     * greeting) without credentials to the first destination that was sent through a proxy.
     */
    public static boolean needsCredentials(ProxySelection selection, NameResolver resolver, java.time.Duration timeout) {
        for (ProxySelection.Decision d : selection.decisions()) {
            if (d.proxy().isEmpty()) {
                continue;
            }
            ProxyEndpoint p = d.proxy().get();
            dev.wscheck.net.Transport t = p.kind() == ProxyEndpoint.Kind.HTTP
                    ? new dev.wscheck.net.HttpConnectTransport(p, Optional.empty(), resolver, "wscheck/" + dev.wscheck.Version.get())
                    : new dev.wscheck.net.Socks5Transport(p, Optional.empty(), resolver);
            String host = dev.wscheck.probe.Target.parse(d.url()).host();
            try (java.net.Socket s = t.connect(host, 443, Optional.empty(), timeout)) {
                return false;
            } catch (java.io.IOException e) {
                dev.wscheck.probe.Outcome o = dev.wscheck.probe.Outcome.classify(e, dev.wscheck.probe.Phase.CONNECT);
                return o == dev.wscheck.probe.Outcome.PROXY_AUTH_REQUIRED || o == dev.wscheck.probe.Outcome.PROXY_AUTH_UNSUPPORTED;
            }
        }
        return false;
    }

    /** The resolver for the proxy's own name and PAC lookups: the run's DNS servers. */
    public static NameResolver resolver(dev.wscheck.net.DnsServers dns) {
        return NameResolver.dnsjava(dns);
    }
}
