package dev.wscheck.probe.tls;

import dev.wscheck.net.Pem;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** Small readings of X.509 certificates for diagnostics: names, alternative names, host matching. */
public final class Certificates {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private Certificates() {}

    /**
     * Returns a name a person recognises: the CN, followed by the O in parentheses when it says
     * something more ("Zscaler Root CA (Zscaler Inc.)", "mitmproxy"); the whole DN when it has neither.
     */
    public static String displayName(X500Principal principal) {
        String dn = principal.getName(X500Principal.RFC2253);
        String cn = "";
        String o = "";
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                String v = String.valueOf(rdn.getValue());
                if (rdn.getType().equalsIgnoreCase("CN") && cn.isEmpty()) {
                    cn = v;
                } else if (rdn.getType().equalsIgnoreCase("O") && o.isEmpty()) {
                    o = v;
                }
            }
        } catch (InvalidNameException e) {
            return dn;
        }
        if (cn.isEmpty()) {
            return o.isEmpty() ? dn : o;
        }
        return o.isEmpty() || o.equalsIgnoreCase(cn) ? cn : cn + " (" + o + ")";
    }

    /** Returns the DNS names and IP addresses in the subjectAltName extension, in order. */
    public static List<String> subjectAltNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    if (type instanceof Integer t && (t == SAN_DNS || t == SAN_IP) && san.get(1) instanceof String s) {
                        out.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // An unparseable extension names nothing; the trust manager reports the real problem.
        }
        return out;
    }

    /** Returns the names the certificate is for: its alternative names, else its CN (as old clients read it). */
    public static List<String> namesFor(X509Certificate leaf) {
        List<String> sans = subjectAltNames(leaf);
        if (!sans.isEmpty()) {
            return sans;
        }
        String name = displayName(leaf.getSubjectX500Principal());
        return name.isEmpty() ? List.of() : List.of(name);
    }

    /**
     * Returns true when the leaf is for {@code host}: an exact alternative name, or a wildcard
     * {@code *.example.com} standing for exactly one left-most label. Used to confirm and explain
     * a hostname failure, not to decide trust (the JDK and okhttp do that).
     */
    public static boolean matchesHost(X509Certificate leaf, String host) {
        String h = stripDot(host.toLowerCase(Locale.ROOT));
        for (String n : subjectAltNames(leaf)) {
            String name = stripDot(n.toLowerCase(Locale.ROOT));
            if (name.equals(h)) {
                return true;
            }
            if (name.startsWith("*.") && h.indexOf('.') > 0 && h.substring(h.indexOf('.')).equals(name.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Returns the record of one served certificate; alternative names only for the leaf. */
    public static TlsEvidence.CertificateInfo info(X509Certificate c, boolean leaf) {
        return new TlsEvidence.CertificateInfo(
                c.getSubjectX500Principal().getName(X500Principal.RFC2253),
                c.getIssuerX500Principal().getName(X500Principal.RFC2253),
                c.getSerialNumber().toString(16),
                c.getNotBefore().toInstant().toString(),
                c.getNotAfter().toInstant().toString(),
                Pem.spkiSha256(c),
                leaf ? subjectAltNames(c) : List.of());
    }

    /** Returns whole days from {@code now} until the certificate expires (rounded towards zero); negative once expired. */
    public static long daysToExpiry(X509Certificate c, Instant now) {
        return Duration.between(now, c.getNotAfter().toInstant()).toDays();
    }
}
