package com.wmsanalytics.webconfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code tls_server_config}: the certificate chain and key, as PEM files, the TLS versions
 * allowed (1.2 and 1.3 at most), and whether clients must show a certificate signed by the
 * client CA.
 */
public record TlsSettings(
        Path certFile, Path keyFile, List<String> protocols, ClientAuth clientAuth, Optional<Path> clientCaFile) {

    public TlsSettings {
        protocols = List.copyOf(protocols);
    }
}
