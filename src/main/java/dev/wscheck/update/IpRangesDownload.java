package dev.wscheck.update;

import dev.wscheck.WscheckException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads AWS's ip-ranges.json over HTTPS with the certificate chain and host name verified
 * (the JDK's roots plus any --trust roots, as an enterprise deploys them), into a file the caller
 * names. HTTPS only: a plain-HTTP URL is refused, because the file decides what a firewall opens.
 *
 * <p>The URL is {@link #DEFAULT_URL} unless the environment sets {@link #URL_ENV}; that variable
 * exists so that tests can point the download at an in-process HTTPS server on 127.0.0.1.
 */
public final class IpRangesDownload {
    public static final String DEFAULT_URL = "https://ip-ranges.amazonaws.com/ip-ranges.json";
    /** For tests only: where {@code ip-ranges update} downloads from. */
    public static final String URL_ENV = "WSCHECK_IP_RANGES_URL";
    /** The real file is about 2.6 MB; anything past this is not ip-ranges.json. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final HttpUrl url;
    private final OkHttpClient client;
    private final String via;

    private IpRangesDownload(HttpUrl url, OkHttpClient client, String via) {
        this.url = url;
        this.client = client;
        this.via = via;
    }

    /**
     * Prepares a download. {@code proxy} is {@code none}, {@code system} (the environment's
     * https_proxy, else direct) or {@code http://host:port}; {@code extraRoots} are trusted in
     * addition to the JDK's roots. Bad values are a WscheckException naming them.
     */
    public static IpRangesDownload prepare(Map<String, String> env, String proxy, List<X509Certificate> extraRoots, Duration timeout) {
        String text = env.getOrDefault(URL_ENV, DEFAULT_URL);
        HttpUrl url = HttpUrl.parse(text);
        if (url == null || !url.isHttps()) {
            throw new WscheckException(URL_ENV + " " + text + ": not an https:// URL");
        }
        Proxy p = proxy(env, proxy);
        X509TrustManager trust = trustManager(extraRoots);
        SSLContext tls;
        try {
            tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
        OkHttpClient client = new OkHttpClient.Builder()
                .proxy(p)
                .sslSocketFactory(tls.getSocketFactory(), trust)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .callTimeout(timeout.multipliedBy(6))
                .followRedirects(true)
                .followSslRedirects(false)
                .build();
        String via = p == Proxy.NO_PROXY ? "direct" : "via proxy " + p.address();
        return new IpRangesDownload(url, client, via);
    }

    /** The URL this download fetches. */
    public String url() {
        return url.toString();
    }

    /** "direct" or "via proxy host:port", for messages. */
    public String via() {
        return via;
    }

    /** Fetches the file into {@code target}; any failure is a WscheckException that says where and why. */
    public void into(Path target) throws IOException {
        Request request = new Request.Builder().url(url).header("User-Agent", "wscheck").build();
        String where = via + " => " + url;
        try (Response response = client.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new WscheckException("ip-ranges update: " + where + ": HTTP " + response.code() + ", expected 200");
            }
            ResponseBody body = response.body();
            long copied = 0;
            try (InputStream in = body.byteStream(); OutputStream out = Files.newOutputStream(target)) {
                byte[] buf = new byte[65536];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    copied += n;
                    if (copied > MAX_BYTES) {
                        throw new WscheckException("ip-ranges update: " + where + ": larger than " + MAX_BYTES / (1024 * 1024) + " MB: not ip-ranges.json");
                    }
                    out.write(buf, 0, n);
                }
            }
        } catch (javax.net.ssl.SSLException e) {
            throw new WscheckException("ip-ranges update: " + where + ": TLS failed, the server's certificate is not trusted or not for this name ("
                    + oneLine(e.getMessage()) + "); behind TLS inspection, pass its root with --trust", e);
        } catch (WscheckException e) {
            throw e;
        } catch (IOException e) {
            throw new WscheckException("ip-ranges update: " + where + ": " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static Proxy proxy(Map<String, String> env, String proxy) {
        String p = proxy.trim();
        if (p.equalsIgnoreCase("none")) {
            return Proxy.NO_PROXY;
        }
        if (p.equalsIgnoreCase("system")) {
            String fromEnv = env.getOrDefault("https_proxy", env.get("HTTPS_PROXY"));
            if (fromEnv == null || fromEnv.isBlank()) {
                return Proxy.NO_PROXY;
            }
            return httpProxy(fromEnv, "https_proxy");
        }
        return httpProxy(p, "--proxy");
    }

    private static Proxy httpProxy(String text, String from) {
        URI uri;
        try {
            uri = URI.create(text.contains("://") ? text : "http://" + text);
        } catch (IllegalArgumentException e) {
            throw new WscheckException(from + " " + text + ": not a proxy URL (use http://host:port, system or none)");
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1 || uri.getUserInfo() != null) {
            throw new WscheckException(from + " " + text + ": not a proxy URL (use http://host:port without a password, system or none)");
        }
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()));
    }

    /** The JDK's trust manager, and when extra roots are given, one that also accepts chains to them. */
    static X509TrustManager trustManager(List<X509Certificate> extraRoots) {
        X509TrustManager jdk = fromKeyStore(null);
        if (extraRoots.isEmpty()) {
            return jdk;
        }
        X509TrustManager extra;
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            for (int i = 0; i < extraRoots.size(); i++) {
                ks.setCertificateEntry("extra-" + i, extraRoots.get(i));
            }
            extra = fromKeyStore(ks);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                jdk.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    jdk.checkServerTrusted(chain, authType);
                } catch (CertificateException e) {
                    extra.checkServerTrusted(chain, authType);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                List<X509Certificate> all = new ArrayList<>(List.of(jdk.getAcceptedIssuers()));
                all.addAll(List.of(extra.getAcceptedIssuers()));
                return all.toArray(new X509Certificate[0]);
            }
        };
    }

    private static X509TrustManager fromKeyStore(KeyStore ks) {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(ks);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no default trust manager", e);
        }
        throw new IllegalStateException("no X509 trust manager");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ').trim();
    }
}
