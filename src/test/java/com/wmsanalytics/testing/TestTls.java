package com.wmsanalytics.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * A test certificate authority made with openssl for one test class: a CA, a server
 * certificate for localhost and 127.0.0.1 signed by it, a client certificate, and a key that
 * matches neither. Keys are P-256, as PKCS #8 PEM (openssl 3's default).
 */
public record TestTls(Path dir) {

    private static final char[] STORE_PASSWORD = "test".toCharArray();

    /** Makes the CA and the certificates in a new temporary directory. */
    public static TestTls make() {
        try {
            TestTls tls = new TestTls(Files.createTempDirectory("test-tls-"));
            tls.openssl(
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:P-256",
                    "-nodes",
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.crt",
                    "-days",
                    "30",
                    "-subj",
                    "/CN=wms-analytics test CA",
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign");
            tls.signed(
                    "server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
            tls.signed("client", "prometheus", "extendedKeyUsage=clientAuth\n");
            tls.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other.key");
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path caCert() {
        return dir.resolve("ca.crt");
    }

    public Path serverCert() {
        return dir.resolve("server.crt");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    public Path clientCert() {
        return dir.resolve("client.crt");
    }

    public Path clientKey() {
        return dir.resolve("client.key");
    }

    /** A private key that matches none of the certificates. */
    public Path otherKey() {
        return dir.resolve("other.key");
    }

    /** A bcrypt hash of {@code password} at cost 4, the lowest, to keep the tests quick. */
    public static String bcrypt(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(4));
    }

    /** Writes {@code web.yml} (or another name) in the directory, beside the PEM files it names. */
    public Path webConfig(String name, String yaml) {
        try {
            return Files.writeString(dir.resolve(name), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The web configuration of TLS with the server certificate and one user. */
    public Path tlsAndLogin(String user, String password) {
        return webConfig(
                "web.yml",
                "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + "basic_auth_users:\n  " + user
                        + ": " + bcrypt(password) + "\n");
    }

    /** A client context that trusts the test CA and shows no certificate. */
    public SSLContext clientContext() {
        return context(false);
    }

    /** A client context that trusts the test CA and shows the client certificate. */
    public SSLContext clientContextWithCertificate() {
        return context(true);
    }

    /** The base64 SHA-256 of the server key's SubjectPublicKeyInfo, as Chromium's SPKI flags take it. */
    public String serverSpki() {
        openssl("pkey", "-in", "server.key", "-pubout", "-outform", "DER", "-out", "server.spki");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(dir.resolve("server.spki")));
            return java.util.Base64.getEncoder().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the server certificate with a new one signed by the same CA (a renewal). */
    public void renewServerCertificate() {
        signed("server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    }

    private SSLContext context(boolean withCertificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(caCert())) {
                trust.setCertificateEntry(
                        "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (withCertificate) {
                openssl(
                        "pkcs12",
                        "-export",
                        "-in",
                        "client.crt",
                        "-inkey",
                        "client.key",
                        "-out",
                        "client.p12",
                        "-passout",
                        "pass:test");
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(dir.resolve("client.p12"))) {
                    keys.load(in, STORE_PASSWORD);
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, STORE_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test client's TLS context", e);
        }
    }

    private void signed(String name, String cn, String extensions) {
        try {
            Files.writeString(dir.resolve(name + ".ext"), extensions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".csr",
                "-subj",
                "/CN=" + cn);
        openssl(
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                name + ".crt",
                "-days",
                "30",
                "-extfile",
                name + ".ext");
    }

    /** Runs openssl in the directory; a failure fails the test with its output. */
    public String openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("openssl " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("openssl is not installed: run 'apt-get install openssl' (.ci/run does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
