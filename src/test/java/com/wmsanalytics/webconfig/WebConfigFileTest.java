package com.wmsanalytics.webconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A web configuration file in the exporter toolkit's format, and the PEM files it names: read
 * as the toolkit reads them, and each fault refused with one line that names the file.
 */
class WebConfigFileTest {

    private static TestTls tls;

    @BeforeAll
    static void certificates() {
        tls = TestTls.make();
    }

    @Test
    void the_toolkit_format_is_read_with_paths_relative_to_the_file() {
        String hash = TestTls.bcrypt("secret");
        Path file = tls.webConfig("full.yml", """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  min_version: TLS13
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: ca.crt
                http_server_config:
                  headers:
                    Strict-Transport-Security: max-age=31536000
                basic_auth_users:
                  alice: %s
                """.formatted(hash));

        WebConfig config = WebConfigReader.read(file);

        TlsSettings t = config.tls().orElseThrow();
        assertEquals(tls.serverCert(), t.certFile());
        assertEquals(tls.serverKey(), t.keyFile());
        assertEquals(List.of("TLSv1.3"), t.protocols());
        assertEquals(ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT, t.clientAuth());
        assertEquals(Optional.of(tls.caCert()), t.clientCaFile());
        assertEquals(Map.of("alice", hash), config.users());
        assertEquals(Map.of("Strict-Transport-Security", "max-age=31536000"), config.headers());
    }

    @Test
    void the_default_versions_are_tls_1_2_and_1_3() {
        Path file = tls.webConfig("tls.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");

        assertEquals(
                List.of("TLSv1.3", "TLSv1.2"),
                WebConfigReader.read(file).tls().orElseThrow().protocols());
    }

    @Test
    void malformed_yaml_names_the_file_and_line() {
        Path file = tls.webConfig("bad.yml", "basic_auth_users:\n  alice: x\n bob: [unclosed\n");

        String message = refused(file);

        assertTrue(message.startsWith(file + ": line "), message);
        assertTrue(message.contains("malformed YAML"), message);
    }

    @Test
    void an_unknown_key_is_named() {
        Path file = tls.webConfig(
                "unknown.yml",
                "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + "  certfile: typo.crt\n");

        assertEquals(
                file + ": tls_server_config.certfile: unknown key; known here: cert_file, client_auth_type,"
                        + " client_ca_file, key_file, max_version, min_version",
                refused(file));
    }

    @Test
    void a_password_in_clear_is_refused_without_showing_it() {
        Path file = tls.webConfig("clear.yml", "basic_auth_users:\n  alice: hunter2\n");

        String message = refused(file);

        assertEquals(
                file + ": basic_auth_users.alice: is not a bcrypt hash (a password in clear?); make one with:"
                        + " htpasswd -nBC 10 alice",
                message);
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void tls_1_1_is_refused() {
        Path file = tls.webConfig(
                "old.yml",
                "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + "  min_version: TLS11\n");

        assertEquals(
                file + ": tls_server_config.min_version: 'TLS11' is not one of TLS12, TLS13 (TLS 1.0 and 1.1 are not"
                        + " served)",
                refused(file));
    }

    @Test
    void a_client_ca_is_needed_to_verify_client_certificates() {
        Path file = tls.webConfig(
                "mtls.yml",
                "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                        + "  client_auth_type: RequireAndVerifyClientCert\n");

        assertEquals(
                file + ": tls_server_config.client_ca_file: is needed when client_auth_type is"
                        + " RequireAndVerifyClientCert",
                refused(file));
    }

    @Test
    void a_missing_certificate_file_is_named() {
        TlsSettings settings = settings(tls.dir().resolve("nope.crt"), tls.serverKey());

        assertEquals(tls.dir().resolve("nope.crt") + ": no such file", unusable(settings, Clock.systemUTC()));
    }

    @Test
    void an_unreadable_certificate_file_is_named() {
        TlsSettings settings = settings(tls.dir(), tls.serverKey());

        String message = unusable(settings, Clock.systemUTC());

        assertTrue(message.startsWith(tls.dir() + ": cannot read it"), message);
    }

    @Test
    void a_key_that_does_not_match_the_certificate_is_refused() {
        TlsSettings settings = settings(tls.serverCert(), tls.otherKey());

        assertEquals(
                tls.otherKey() + ": the key does not match the certificate of " + tls.serverCert(),
                unusable(settings, Clock.systemUTC()));
    }

    @Test
    void an_expired_certificate_is_refused_with_its_end_date() throws Exception {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(40)), ZoneOffset.UTC);

        String message = unusable(settings(tls.serverCert(), tls.serverKey()), later);

        assertTrue(message.startsWith(tls.serverCert() + ": the certificate expired on "), message);
    }

    @Test
    void a_key_in_the_traditional_format_is_refused_with_the_command_that_converts_it() {
        tls.openssl("ec", "-in", "server.key", "-out", "sec1.key");
        Path sec1 = tls.dir().resolve("sec1.key");

        assertEquals(
                sec1 + ": holds a EC PRIVATE KEY, not an unencrypted PKCS #8 PRIVATE KEY; convert it with: openssl"
                        + " pkcs8 -topk8 -nocrypt -in sec1.key -out key.pem",
                unusable(settings(tls.serverCert(), sec1), Clock.systemUTC()));
    }

    @Test
    void matching_pem_files_load_into_a_key_store_without_a_keystore_file() throws Exception {
        PemCredentials credentials =
                PemCredentials.load(settings(tls.serverCert(), tls.serverKey()), Clock.systemUTC());

        assertTrue(credentials.keyStore().isKeyEntry(PemCredentials.ALIAS));
        assertTrue(credentials.certificate().getSubjectX500Principal().getName().contains("CN=localhost"));
        try (var files = Files.list(tls.dir())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".jks")), "no keystore file was written");
        }
    }

    private static TlsSettings settings(Path cert, Path key) {
        return new TlsSettings(cert, key, List.of("TLSv1.3", "TLSv1.2"), ClientAuth.NO_CLIENT_CERT, Optional.empty());
    }

    private static String refused(Path file) {
        return assertThrows(WebConfigException.class, () -> WebConfigReader.read(file))
                .getMessage();
    }

    private static String unusable(TlsSettings settings, Clock clock) {
        String message = assertThrows(WebConfigException.class, () -> PemCredentials.load(settings, clock))
                .getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        return message;
    }
}
