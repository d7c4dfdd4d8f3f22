package dev.wscheck.probe.tls;

import dev.wscheck.net.ClientSideTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that records the certificate chain exactly as the server sent it, and the
 * reason the PC's trust manager rejected it, then decides as the PC's trust manager does. okhttp's
 * {@code Handshake} and the JDK session show a chain rebuilt towards the trusted root; diagnosing
 * interception needs what was actually on the wire.
 *
 * <p>One recorder per connection: it keeps the last chain it saw. The run's one TLS context
 * ({@link dev.wscheck.net.TlsSessions}) hands each connection's handshake to that connection's
 * recorder.
 */
public final class ChainRecorder extends ClientSideTrustManager {
    private volatile List<X509Certificate> served = List.of();
    private volatile CertificateException failure;

    public ChainRecorder(X509ExtendedTrustManager delegate) {
        super(delegate);
    }

    /** Returns the chain the server sent, leaf first; empty until a Certificate message arrived. */
    public List<X509Certificate> served() {
        return served;
    }

    /** Returns why the PC's trust manager rejected the chain, if it did. */
    public Optional<CertificateException> failure() {
        return Optional.ofNullable(failure);
    }

    private void record(X509Certificate[] chain) {
        served = chain == null ? List.of() : List.of(chain);
        failure = null;
    }

    private CertificateException failed(CertificateException e) {
        failure = e;
        return e;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        record(chain);
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw failed(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        record(chain);
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw failed(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        record(chain);
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw failed(e);
        }
    }

}
