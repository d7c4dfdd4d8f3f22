package dev.wscheck.probe.tls;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the revocation endpoints a certificate names: the OCSP responders in its Authority
 * Information Access extension and the URLs of its CRL Distribution Points. The JDK exposes these
 * extensions only as DER bytes, so this class walks just enough DER to find them; anything
 * malformed yields no URL rather than an error (the trust manager judges the certificate).
 */
public final class RevocationUrls {
    private static final String AIA_OID = "1.3.6.1.5.5.7.1.1";
    private static final String CRL_DP_OID = "2.5.29.31";
    /** Content octets of OID 1.3.6.1.5.5.7.48.1 (id-ad-ocsp). */
    private static final byte[] ID_AD_OCSP = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01};
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;
    private static final int OID = 0x06;
    /** GeneralName uniformResourceIdentifier: [6] IMPLICIT IA5String. */
    private static final int URI = 0x86;
    /** DistributionPoint.distributionPoint: [0], constructed. */
    private static final int CONTEXT_0_CONSTRUCTED = 0xa0;

    private RevocationUrls() {}

    /** A revocation endpoint: {@code ocsp} or {@code crl}, and its URL. */
    public record Url(String kind, String url) {}

    /** Returns the distinct endpoints named by every certificate of the chain, leaf first. */
    public static List<Url> of(List<X509Certificate> chain) {
        Set<Url> out = new LinkedHashSet<>();
        for (X509Certificate c : chain) {
            for (String u : ocsp(c)) {
                out.add(new Url("ocsp", u));
            }
            for (String u : crl(c)) {
                out.add(new Url("crl", u));
            }
        }
        return List.copyOf(out);
    }

    /** Returns the OCSP responder URLs of the certificate. */
    public static List<String> ocsp(X509Certificate c) {
        List<String> out = new ArrayList<>();
        Tlv seq = extension(c, AIA_OID);
        if (seq == null) {
            return out;
        }
        // AuthorityInfoAccessSyntax ::= SEQUENCE OF AccessDescription { accessMethod OID, accessLocation GeneralName }
        for (Tlv desc : seq.children()) {
            List<Tlv> parts = desc.children();
            if (desc.tag == SEQUENCE && parts.size() == 2 && parts.get(0).tag == OID
                    && Arrays.equals(parts.get(0).content(), ID_AD_OCSP) && parts.get(1).tag == URI) {
                out.add(parts.get(1).text());
            }
        }
        return out;
    }

    /** Returns the URLs of the certificate's CRL distribution points. */
    public static List<String> crl(X509Certificate c) {
        List<String> out = new ArrayList<>();
        Tlv seq = extension(c, CRL_DP_OID);
        if (seq == null) {
            return out;
        }
        // CRLDistributionPoints ::= SEQUENCE OF DistributionPoint { [0] DistributionPointName OPTIONAL, ... };
        // DistributionPointName ::= CHOICE { fullName [0] GeneralNames, ... }: the URIs sit inside [0] [0].
        for (Tlv dp : seq.children()) {
            for (Tlv field : dp.children()) {
                if (field.tag == CONTEXT_0_CONSTRUCTED) {
                    collectUris(field, out);
                }
            }
        }
        return out;
    }

    private static void collectUris(Tlv t, List<String> out) {
        if (t.tag == URI) {
            out.add(t.text());
        } else if (t.constructed()) {
            for (Tlv c : t.children()) {
                collectUris(c, out);
            }
        }
    }

    /** Returns the extension's value (the SEQUENCE inside the OCTET STRING), or null. */
    private static Tlv extension(X509Certificate c, String oid) {
        byte[] raw = c.getExtensionValue(oid);
        if (raw == null) {
            return null;
        }
        Tlv octets = Tlv.read(raw, 0, raw.length);
        if (octets == null || octets.tag != OCTET_STRING) {
            return null;
        }
        Tlv inner = Tlv.read(raw, octets.start, octets.end);
        return inner != null && inner.tag == SEQUENCE ? inner : null;
    }

    /** One DER tag-length-value over a shared buffer; only single-byte tags (enough for these extensions). */
    static final class Tlv {
        final byte[] buf;
        final int tag;
        final int start;
        final int end;

        private Tlv(byte[] buf, int tag, int start, int end) {
            this.buf = buf;
            this.tag = tag;
            this.start = start;
            this.end = end;
        }

        /** Reads the element at {@code pos}, which must end by {@code limit}; null when malformed. */
        static Tlv read(byte[] buf, int pos, int limit) {
            if (pos + 2 > limit) {
                return null;
            }
            int tag = buf[pos] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                return null; // multi-byte tag: not used by these structures
            }
            int first = buf[pos + 1] & 0xff;
            int p = pos + 2;
            long len;
            if (first < 0x80) {
                len = first;
            } else {
                int n = first & 0x7f;
                if (n == 0 || n > 4 || p + n > limit) {
                    return null;
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (buf[p++] & 0xff);
                }
            }
            if (len > limit - p) {
                return null;
            }
            return new Tlv(buf, tag, p, p + (int) len);
        }

        boolean constructed() {
            return (tag & 0x20) != 0;
        }

        List<Tlv> children() {
            List<Tlv> out = new ArrayList<>();
            if (!constructed()) {
                return out;
            }
            int p = start;
            while (p < end) {
                Tlv c = read(buf, p, end);
                if (c == null) {
                    return out;
                }
                out.add(c);
                p = c.end;
            }
            return out;
        }

        byte[] content() {
            return Arrays.copyOfRange(buf, start, end);
        }

        String text() {
            return new String(buf, start, end - start, StandardCharsets.US_ASCII);
        }
    }
}
