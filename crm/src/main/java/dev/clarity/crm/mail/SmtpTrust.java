package dev.clarity.crm.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates {@value #SMTP_CA} names: a PEM file of the SMTP server's own certificate or of the private CA that
 * signed it, trusted for the SMTP connection in place of the JDK's CAs. The server's host name is checked against the
 * certificate all the same: this names whom to trust, it never turns checking off.
 */
public final class SmtpTrust {
    public static final String SMTP_CA = "CLARITY_SMTP_CA";

    private SmtpTrust() {}

    /** The certificates in the PEM file {@code file}; a {@link MailConfigException} naming the problem otherwise. */
    static List<X509Certificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                            .map(X509Certificate.class::cast)
                            .toList();
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
            return certificates;
        } catch (NoSuchFileException e) {
            throw bad(file + " does not exist");
        } catch (IOException e) {
            throw bad(file + " cannot be read (" + e.getMessage() + ")");
        } catch (CertificateException e) {
            throw bad(file + " holds no PEM certificate (\"-----BEGIN CERTIFICATE-----\")");
        }
    }

    /** Sockets that trust exactly {@code certificates} (and what they signed). */
    static SSLSocketFactory socketFactory(List<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("smtp-ca-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("building the TLS context that trusts " + SMTP_CA, e);
        }
    }

    private static MailConfigException bad(String what) {
        return new MailConfigException(
                SMTP_CA,
                SMTP_CA + ": " + what + " (for example " + SMTP_CA
                        + "=/etc/clarity/smtp-ca.pem, the server's certificate or its CA's, in PEM)");
    }
}
