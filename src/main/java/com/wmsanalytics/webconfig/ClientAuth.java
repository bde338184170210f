package com.wmsanalytics.webconfig;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code client_auth_type} values this service accepts. The exporter toolkit's
 * {@code RequestClientCert} and {@code RequireAnyClientCert} take a certificate without
 * checking it, which authenticates nobody, so they are refused.
 */
public enum ClientAuth {
    NO_CLIENT_CERT("NoClientCert"),
    VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven"),
    REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert");

    private final String yamlName;

    ClientAuth(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Whether a client certificate is checked against the client CA. */
    public boolean verifies() {
        return this != NO_CLIENT_CERT;
    }

    static List<String> names() {
        return Arrays.stream(values()).map(ClientAuth::yamlName).toList();
    }

    static ClientAuth parse(String value) {
        return Arrays.stream(values())
                .filter(c -> c.yamlName.equals(value))
                .findFirst()
                .orElse(null);
    }
}
