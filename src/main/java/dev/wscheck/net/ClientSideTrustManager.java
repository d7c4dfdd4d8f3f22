package dev.wscheck.net;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client-side trust manager that decides server chains itself and hands everything a client
 * never decides (client chains, the accepted issuers) to {@code delegate}. wscheck only ever
 * connects as a TLS client, so subclasses implement the three {@code checkServerTrusted} methods
 * and nothing else.
 */
public abstract class ClientSideTrustManager extends X509ExtendedTrustManager {
    protected final X509ExtendedTrustManager delegate;

    protected ClientSideTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
