package dev.wscheck.net.proxy;

import dev.wscheck.net.ProxyEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxy configuration this run models, wherever it came from.
 *
 * @param source  the report's {@code proxy.source}: {@code none}, {@code explicit} (--proxy URL),
 *                {@code pac} (--pac, or a PAC URL in the OS settings), {@code env} (environment
 *                variables), {@code system} (OS settings, Java's proxy properties)
 * @param origin  where exactly, in words: "environment variable https_proxy", "Windows Internet
 *                Settings (WinINet, this user)", "--proxy"
 * @param proxy   the proxy HTTPS goes through, unless bypassed or a PAC says otherwise; with a
 *                PAC, the fallback when the PAC cannot be used (as Windows falls back to the
 *                manual proxy)
 * @param bypass  hosts that go direct
 * @param pac     a PAC file's URL or path, evaluated per URL
 * @param notes   things the report should say about this configuration (one line each)
 */
public record ProxyConfig(String source, String origin, Optional<ProxyEndpoint> proxy, BypassList bypass, Optional<String> pac,
                          List<String> notes) {

    public ProxyConfig {
        notes = List.copyOf(notes);
    }

    /** No proxy at all. */
    public static ProxyConfig none(String origin, List<String> notes) {
        return new ProxyConfig("none", origin, Optional.empty(), BypassList.empty(), Optional.empty(), notes);
    }

    /** A fixed proxy with a bypass list. */
    public static ProxyConfig fixed(String source, String origin, ProxyEndpoint proxy, BypassList bypass, List<String> notes) {
        return new ProxyConfig(source, origin, Optional.of(proxy), bypass, Optional.empty(), notes);
    }

    /** A PAC file, with an optional manual fallback. */
    public static ProxyConfig pacFile(String origin, String location, Optional<ProxyEndpoint> fallback, BypassList bypass, List<String> notes) {
        return new ProxyConfig("pac", origin, fallback, bypass, Optional.of(location), notes);
    }

    /** Returns true when this configuration sends anything through a proxy (or may, through a PAC). */
    public boolean usesProxy() {
        return proxy.isPresent() || pac.isPresent();
    }

    /** Returns a copy with one more note. */
    public ProxyConfig withNote(String note) {
        List<String> n = new ArrayList<>(notes);
        n.add(note);
        return new ProxyConfig(source, origin, proxy, bypass, pac, n);
    }

    /** One line for the console: "http://198.18.1.1:3128 (environment variable https_proxy)". */
    public String summary() {
        if (pac.isPresent()) {
            return "PAC " + pac.get() + " (" + origin + ")";
        }
        return proxy.map(p -> p.url() + " (" + origin + ")").orElse("none (" + origin + ")");
    }
}
