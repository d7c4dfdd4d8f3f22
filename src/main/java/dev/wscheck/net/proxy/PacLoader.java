package dev.wscheck.net.proxy;

import dev.wscheck.net.NameResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches a PAC file: a local path or {@code file:} URL is read; an {@code http(s)://} URL is
 * fetched directly (as browsers and Windows fetch PAC files: never through a proxy), with the
 * host resolved by the run's DNS servers and the whole exchange bounded by a timeout. A file
 * larger than 1 MiB is refused.
 */
public final class PacLoader {
    static final int MAX_BYTES = 1024 * 1024;

    private PacLoader() {}

    /** Returns the text, or throws PacException with one line saying why it could not be loaded. */
    public static String load(String location, NameResolver resolver, Duration timeout) throws PacScript.PacException {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return fetch(location, resolver, timeout);
        }
        Path path = lower.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new PacScript.PacException("PAC file " + location + " is larger than 1 MiB");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new PacScript.PacException("PAC file " + location + " cannot be read: " + e.getMessage());
        }
    }

    private static String fetch(String url, NameResolver resolver, Duration timeout) throws PacScript.PacException {
        OkHttpClient client = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .dns(host -> List.copyOf(resolveOrThrow(resolver, host, timeout)))
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .retryOnConnectionFailure(false)
                .build();
        try (Response r = client.newCall(new Request.Builder().url(url).header("User-Agent", "wscheck").get().build()).execute()) {
            if (r.code() != 200) {
                throw new PacScript.PacException("PAC file " + url + " cannot be fetched: HTTP " + r.code());
            }
            ResponseBody body = r.body();
            okio.BufferedSource source = body.source();
            source.request(MAX_BYTES + 1L);
            byte[] bytes = source.getBuffer().readByteArray();
            if (bytes.length > MAX_BYTES) {
                throw new PacScript.PacException("PAC file " + url + " is larger than 1 MiB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw new PacScript.PacException("PAC file " + url + " cannot be fetched: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static List<InetAddress> resolveOrThrow(NameResolver resolver, String host, Duration timeout) throws java.net.UnknownHostException {
        try {
            return resolver.resolve(host, timeout);
        } catch (java.net.UnknownHostException e) {
            throw e;
        } catch (IOException e) {
            throw new java.net.UnknownHostException(host + ": " + e.getMessage());
        }
    }
}
