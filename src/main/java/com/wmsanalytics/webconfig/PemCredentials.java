package com.wmsanalytics.webconfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TLS credentials of a web configuration, read from PEM files as they are (no keystore):
 * the certificate chain, its unencrypted PKCS #8 private key, and the client CA. Refuses, with
 * one line naming the file, a missing or unreadable file, a file with no certificate or key, a
 * key that does not match the certificate, and a certificate that has expired or is not valid
 * yet.
 *
 * @param keyStore the key and its chain, under {@link #ALIAS}, protected by {@link #password()}
 * @param trustStore the client CA's certificates; empty when clients are not asked for one
 */
public record PemCredentials(KeyStore keyStore, char[] password, KeyStore trustStore, X509Certificate certificate) {

    public static final String ALIAS = "wms-analytics";

    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern OTHER_KEY = Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----");
    private static final Map<String, String> SIGNATURES =
            Map.of("RSA", "SHA256withRSA", "EC", "SHA256withECDSA", "Ed25519", "Ed25519", "EdDSA", "Ed25519");

    /** Reads the files {@code tls} names, checking the certificate's dates against {@code clock}. */
    public static PemCredentials load(TlsSettings tls, Clock clock) {
        List<X509Certificate> chain = certificates(tls.certFile());
        X509Certificate leaf = chain.get(0);
        valid(tls.certFile(), leaf, clock);
        PrivateKey key = privateKey(tls.keyFile(), leaf.getPublicKey().getAlgorithm());
        matches(tls, key, leaf);
        char[] password = randomPassword();
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(ALIAS, key, password, chain.toArray(new X509Certificate[0]));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            if (tls.clientCaFile().isPresent()) {
                int i = 0;
                for (X509Certificate ca : certificates(tls.clientCaFile().get())) {
                    trust.setCertificateEntry("client-ca-" + i++, ca);
                }
            }
            return new PemCredentials(keys, password, trust, leaf);
        } catch (GeneralSecurityException | IOException e) {
            throw new WebConfigException(
                    tls.certFile() + ": cannot hold the certificate and key: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(Path file) {
        byte[] bytes = read(file);
        try {
            List<X509Certificate> chain =
                    CertificateFactory.getInstance("X.509")
                            .generateCertificates(new ByteArrayInputStream(bytes))
                            .stream()
                            .map(X509Certificate.class::cast)
                            .toList();
            if (chain.isEmpty()) {
                throw new WebConfigException(file + ": holds no PEM certificate");
            }
            return chain;
        } catch (CertificateException e) {
            throw new WebConfigException(file + ": holds no PEM certificate (" + e.getMessage() + ")", e);
        }
    }

    private static void valid(Path file, X509Certificate cert, Clock clock) {
        try {
            cert.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            throw new WebConfigException(
                    file + ": the certificate expired on " + cert.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new WebConfigException(
                    file + ": the certificate is not valid before "
                            + cert.getNotBefore().toInstant(),
                    e);
        }
    }

    private static PrivateKey privateKey(Path file, String algorithm) {
        String text = new String(read(file), StandardCharsets.US_ASCII);
        Matcher m = PRIVATE_KEY.matcher(text);
        if (!m.find()) {
            Matcher other = OTHER_KEY.matcher(text);
            String found = other.find()
                    ? "holds a " + other.group(1) + ", not an unencrypted PKCS #8 PRIVATE KEY"
                    : "holds no PEM private key";
            throw new WebConfigException(file + ": " + found + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in "
                    + file.getFileName() + " -out key.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new WebConfigException(
                    file + ": the key is not a " + algorithm + " key, as the certificate's is: it does not match the"
                            + " certificate",
                    e);
        }
    }

    private static void matches(TlsSettings tls, PrivateKey key, X509Certificate cert) {
        String algorithm = SIGNATURES.get(key.getAlgorithm());
        if (algorithm == null) {
            throw new WebConfigException(tls.keyFile() + ": keys of type " + key.getAlgorithm() + " are not supported");
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new WebConfigException(
                    tls.keyFile() + ": the key does not match the certificate of " + tls.certFile(), e);
        }
        throw new WebConfigException(tls.keyFile() + ": the key does not match the certificate of " + tls.certFile());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WebConfigException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new WebConfigException(file + ": cannot read it: permission denied", e);
        } catch (IOException e) {
            throw new WebConfigException(file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }
}
