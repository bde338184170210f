package com.wmsanalytics.webconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a web configuration file in the Prometheus exporter toolkit's format
 * ({@code --web.config.file}): {@code tls_server_config}, {@code http_server_config} and
 * {@code basic_auth_users}, with the same keys and meaning. Relative paths are read from the
 * file's directory, as the toolkit does. Anything else is refused with one line that names the
 * file and the key: an unknown key, a key of the toolkit this service does not support, a TLS
 * version below 1.2, or a password in clear instead of a bcrypt hash.
 */
public final class WebConfigReader {

    private static final Set<String> TOP = Set.of("tls_server_config", "http_server_config", "basic_auth_users");
    private static final Set<String> TLS =
            Set.of("cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version", "max_version");
    /** Keys of the toolkit's tls_server_config that this service does not carry out. */
    private static final Set<String> TLS_UNSUPPORTED = Set.of(
            "cert",
            "key",
            "client_ca",
            "cipher_suites",
            "curve_preferences",
            "prefer_server_cipher_suites",
            "client_allowed_sans");

    private static final Set<String> SERVER = Set.of("headers", "http2");
    /** The response headers the toolkit lets a web configuration set. */
    private static final Set<String> HEADERS =
            Set.of("Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options", "X-XSS-Protection");

    private static final List<String> VERSIONS = List.of("TLS12", "TLS13");
    private static final Map<String, String> PROTOCOL = Map.of("TLS12", "TLSv1.2", "TLS13", "TLSv1.3");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$[0-9]{2}\\$[./A-Za-z0-9]{53}");
    private static final Pattern USER = Pattern.compile("[^:\\s]+");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private WebConfigReader() {}

    /** Reads and checks the file; the PEM files it names are read by {@link PemCredentials}. */
    public static WebConfig read(Path file) {
        JsonNode root = parse(file);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return WebConfig.none();
        }
        Reader r = new Reader(file);
        r.object(root, "");
        r.onlyKeys(root, "", TOP, Set.of());
        Optional<TlsSettings> tls =
                root.has("tls_server_config") ? Optional.of(r.tls(root.get("tls_server_config"))) : Optional.empty();
        Map<String, String> headers =
                root.has("http_server_config") ? r.headers(root.get("http_server_config")) : Map.of();
        Map<String, String> users = root.has("basic_auth_users") ? r.users(root.get("basic_auth_users")) : Map.of();
        return new WebConfig(tls, users, headers);
    }

    private static JsonNode parse(Path file) {
        try {
            return YAML.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new WebConfigException(file + ": no such file");
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr() + ":";
            String reason = e.getOriginalMessage().lines().findFirst().orElse("malformed");
            throw new WebConfigException(file + ":" + where + " malformed YAML: " + reason, e);
        } catch (IOException e) {
            throw new WebConfigException(file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    /** Checks one file's nodes, naming each fault by its dotted key. */
    private static final class Reader {

        private final Path file;

        Reader(Path file) {
            this.file = file;
        }

        TlsSettings tls(JsonNode node) {
            String at = "tls_server_config";
            object(node, at);
            onlyKeys(node, at, TLS, TLS_UNSUPPORTED);
            Path cert = path(node, at, "cert_file", true);
            Path key = path(node, at, "key_file", true);
            String min = version(node, at, "min_version", "TLS12");
            String max = version(node, at, "max_version", "TLS13");
            if (VERSIONS.indexOf(min) > VERSIONS.indexOf(max)) {
                throw fault(at + ".min_version", min + " is above max_version " + max);
            }
            List<String> protocols = new ArrayList<>();
            for (String v : VERSIONS.subList(VERSIONS.indexOf(min), VERSIONS.indexOf(max) + 1)) {
                protocols.add(0, PROTOCOL.get(v));
            }
            ClientAuth auth = clientAuth(node, at);
            Path ca = path(node, at, "client_ca_file", false);
            if (auth.verifies() && ca == null) {
                throw fault(at + ".client_ca_file", "is needed when client_auth_type is " + auth.yamlName());
            }
            if (!auth.verifies() && ca != null) {
                throw fault(
                        at + ".client_auth_type",
                        "is NoClientCert, so client_ca_file would not be used; set it to VerifyClientCertIfGiven"
                                + " or RequireAndVerifyClientCert");
            }
            return new TlsSettings(cert, key, protocols, auth, Optional.ofNullable(ca));
        }

        Map<String, String> headers(JsonNode node) {
            String at = "http_server_config";
            object(node, at);
            onlyKeys(node, at, SERVER, Set.of());
            if (node.has("http2") && !node.get("http2").isBoolean()) {
                throw fault(at + ".http2", "must be true or false");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (node.has("headers")) {
                JsonNode h = node.get("headers");
                object(h, at + ".headers");
                for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String key = at + ".headers." + e.getKey();
                    if (!HEADERS.contains(e.getKey())) {
                        throw fault(
                                key,
                                "is not a header a web configuration may set ("
                                        + String.join(", ", new java.util.TreeSet<>(HEADERS)) + ")");
                    }
                    headers.put(e.getKey(), text(e.getValue(), key));
                }
            }
            return headers;
        }

        Map<String, String> users(JsonNode node) {
            String at = "basic_auth_users";
            if (node.isNull()) {
                return Map.of();
            }
            object(node, at);
            Map<String, String> users = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = at + "." + e.getKey();
                if (!USER.matcher(e.getKey()).matches()) {
                    throw fault(key, "a user name may not be empty or hold ':' or spaces");
                }
                String hash = text(e.getValue(), key);
                if (!BCRYPT.matcher(hash).matches()) {
                    // The value is never echoed: it may be a password in clear.
                    throw fault(
                            key,
                            "is not a bcrypt hash (a password in clear?); make one with: htpasswd -nBC 10 "
                                    + e.getKey());
                }
                users.put(e.getKey(), hash);
            }
            return users;
        }

        private ClientAuth clientAuth(JsonNode node, String at) {
            if (!node.has("client_auth_type")) {
                return ClientAuth.NO_CLIENT_CERT;
            }
            String value = text(node.get("client_auth_type"), at + ".client_auth_type");
            ClientAuth auth = ClientAuth.parse(value);
            if (auth == null) {
                throw fault(
                        at + ".client_auth_type",
                        "'" + value + "' is not one of " + String.join(", ", ClientAuth.names()));
            }
            return auth;
        }

        private String version(JsonNode node, String at, String key, String fallback) {
            if (!node.has(key)) {
                return fallback;
            }
            String value = text(node.get(key), at + "." + key);
            if (!VERSIONS.contains(value)) {
                throw fault(
                        at + "." + key, "'" + value + "' is not one of TLS12, TLS13 (TLS 1.0 and 1.1 are not served)");
            }
            return value;
        }

        private Path path(JsonNode node, String at, String key, boolean required) {
            if (!node.has(key)) {
                if (required) {
                    throw fault(at + "." + key, "is missing");
                }
                return null;
            }
            String value = text(node.get(key), at + "." + key);
            if (value.isBlank()) {
                throw fault(at + "." + key, "must not be empty");
            }
            Path dir = file.toAbsolutePath().getParent();
            return dir.resolve(value).normalize();
        }

        private String text(JsonNode node, String key) {
            if (!node.isValueNode() || node.isNull()) {
                throw fault(key, "must be a text value");
            }
            return node.asText();
        }

        void object(JsonNode node, String at) {
            if (!node.isObject()) {
                throw fault(at.isEmpty() ? "the file" : at, "must be a mapping of keys to values");
            }
        }

        void onlyKeys(JsonNode node, String at, Set<String> known, Set<String> unsupported) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                String dotted = at.isEmpty() ? key : at + "." + key;
                if (unsupported.contains(key)) {
                    throw fault(dotted, "is a key of the exporter toolkit that wms-analytics does not support");
                }
                if (!known.contains(key)) {
                    throw fault(
                            dotted, "unknown key; known here: " + String.join(", ", new java.util.TreeSet<>(known)));
                }
            }
        }

        WebConfigException fault(String key, String reason) {
            return new WebConfigException(file + ": " + key + ": " + reason);
        }
    }
}
