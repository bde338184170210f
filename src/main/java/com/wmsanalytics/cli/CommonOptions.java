package com.wmsanalytics.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command accepts. */
public final class CommonOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file, layered over the defaults (default: $WMS_ANALYTICS_CONFIG).")
    Path config;

    @Option(names = "--verbose", description = "Log details and show the stack trace of an error.")
    boolean verbose;

    Optional<Path> configFile() {
        return Optional.ofNullable(config);
    }
}
