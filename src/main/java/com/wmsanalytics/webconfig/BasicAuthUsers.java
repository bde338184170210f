package com.wmsanalytics.webconfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Checks an {@code Authorization: Basic} header against the users' bcrypt hashes. An unknown
 * user is checked against a hash of the same cost, so it costs what a wrong password costs. A
 * password once verified is remembered by its SHA-256 (as the exporter toolkit caches), so that
 * a scrape every few seconds does not pay bcrypt each time; a wrong one is never remembered.
 */
public final class BasicAuthUsers {

    private static final String SCHEME = "Basic ";

    private final Map<String, String> hashes;
    private final String decoy;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    public BasicAuthUsers(Map<String, String> hashes) {
        this.hashes = Map.copyOf(hashes);
        this.decoy = BCrypt.hashpw(randomSecret(), BCrypt.gensalt(highestCost(hashes)));
    }

    /** The user the header proves, or empty for a missing, malformed or wrong one. */
    public Optional<String> check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder()
                            .decode(authorization.substring(SCHEME.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        byte[] digest = sha256(user + ':' + password);
        byte[] known = verified.get(user);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return Optional.of(user);
        }
        String hash = hashes.get(user);
        boolean ok = BCrypt.checkpw(password, hash == null ? decoy : hash) && hash != null;
        if (ok) {
            verified.put(user, digest);
            return Optional.of(user);
        }
        return Optional.empty();
    }

    private static int highestCost(Map<String, String> hashes) {
        return hashes.values().stream()
                .mapToInt(h -> Integer.parseInt(h.substring(h.indexOf('$', 1) + 1, h.indexOf('$', 1) + 3)))
                .max()
                .orElse(10);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
