package dev.wscheck.net;

import dev.wscheck.WscheckException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads X.509 certificates from PEM files given on the command line, and fingerprints keys. */
public final class Pem {
    private Pem() {}

    /**
     * Returns every certificate in the PEM (or DER) file. Throws WscheckException naming the
     * option and the file when it cannot be read or holds no certificate.
     */
    public static List<X509Certificate> readCertificates(String option, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WscheckException(option + " " + file + ": cannot read: " + e.getMessage());
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : cf.generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new WscheckException(option + " " + file + ": no certificate found (expected PEM 'BEGIN CERTIFICATE' blocks)");
            }
            return out;
        } catch (CertificateException e) {
            throw new WscheckException(option + " " + file + ": not a certificate file: " + e.getMessage());
        }
    }

    /** Returns the SHA-256 of the certificate's SubjectPublicKeyInfo, lower-case hex. */
    public static String spkiSha256(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded());
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
