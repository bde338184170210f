package com.wmsanalytics.http;

import com.wmsanalytics.webconfig.BasicAuthUsers;
import com.wmsanalytics.webconfig.ClientAuth;
import com.wmsanalytics.webconfig.PemCredentials;
import com.wmsanalytics.webconfig.TlsSettings;
import com.wmsanalytics.webconfig.WebConfig;
import com.wmsanalytics.webconfig.WebConfigException;
import com.wmsanalytics.webconfig.WebConfigReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the web configuration file asks of the endpoint: TLS with its credentials, the users
 * who may log in, and extra response headers. {@link #reload()} reads the file and its PEM
 * files again: a renewed certificate or a changed user takes effect for the next connection,
 * with no restart. A reload that fails keeps what was in force and logs why.
 */
final class EndpointSecurity {

    private static final Logger log = LoggerFactory.getLogger(EndpointSecurity.class);

    private final Optional<Path> file;
    private final Clock clock;
    private final Optional<SslContextFactory.Server> tls;
    private volatile State state;

    private record State(WebConfig config, BasicAuthUsers users) {}

    private EndpointSecurity(Optional<Path> file, Clock clock, WebConfig config, Optional<PemCredentials> credentials) {
        this.file = file;
        this.clock = clock;
        this.state = new State(config, new BasicAuthUsers(config.users()));
        this.tls = config.tls().map(t -> factory(t, credentials.orElseThrow()));
    }

    /**
     * Reads the file, if one is given, and its PEM files.
     *
     * @throws WebConfigException when the file or a file it names cannot be used
     */
    static EndpointSecurity load(Optional<Path> file, Clock clock) {
        WebConfig config = file.map(WebConfigReader::read).orElseGet(WebConfig::none);
        Optional<PemCredentials> credentials = config.tls().map(t -> PemCredentials.load(t, clock));
        return new EndpointSecurity(file, clock, config, credentials);
    }

    Optional<SslContextFactory.Server> tls() {
        return tls;
    }

    boolean authenticates() {
        return state.config().authenticates();
    }

    Optional<String> user(String authorization) {
        return state.users().check(authorization);
    }

    Map<String, String> headers() {
        return state.config().headers();
    }

    /** The files a reload reads: the web configuration and the PEM files it names. */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        file.ifPresent(files::add);
        state.config().tls().ifPresent(t -> {
            files.add(t.certFile());
            files.add(t.keyFile());
            t.clientCaFile().ifPresent(files::add);
        });
        return files;
    }

    /** Reads the files again; true if the new configuration is now in force. */
    boolean reload() {
        if (file.isEmpty()) {
            return false;
        }
        try {
            WebConfig config = WebConfigReader.read(file.get());
            if (config.tls().isPresent() != tls.isPresent()) {
                log.warn(
                        "{}: TLS was {} and the file now {} it; restart the service to change that, until then the"
                                + " configuration read at start stays in force",
                        file.get(),
                        tls.isPresent() ? "on" : "off",
                        tls.isPresent() ? "turns off" : "asks for");
                return false;
            }
            if (config.tls().isPresent()) {
                PemCredentials credentials = PemCredentials.load(config.tls().get(), clock);
                tls.get().reload(f -> credentials(f, config.tls().get(), credentials));
            }
            state = new State(config, new BasicAuthUsers(config.users()));
            log.info(
                    "{}: web configuration read again ({} user(s){})",
                    file.get(),
                    config.users().size(),
                    config.tls().isPresent() ? ", certificate reloaded" : "");
            return true;
        } catch (WebConfigException e) {
            log.warn("{}; the configuration read before stays in force", e.getMessage());
            return false;
        } catch (Exception e) {
            log.warn(
                    "{}: could not reload the certificate ({}); the one read before stays in force",
                    file.get(),
                    e.toString());
            return false;
        }
    }

    private static SslContextFactory.Server factory(TlsSettings settings, PemCredentials credentials) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        credentials(factory, settings, credentials);
        factory.setIncludeProtocols(settings.protocols().toArray(new String[0]));
        factory.setNeedClientAuth(settings.clientAuth() == ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT);
        factory.setWantClientAuth(settings.clientAuth() == ClientAuth.VERIFY_CLIENT_CERT_IF_GIVEN);
        factory.setSniRequired(false);
        factory.setRenegotiationAllowed(false);
        return factory;
    }

    private static void credentials(SslContextFactory factory, TlsSettings settings, PemCredentials credentials) {
        factory.setKeyStore(credentials.keyStore());
        factory.setKeyStorePassword(new String(credentials.password()));
        factory.setCertAlias(PemCredentials.ALIAS);
        if (settings.clientAuth().verifies()) {
            factory.setTrustStore(credentials.trustStore());
        }
    }
}
