package com.wmsanalytics.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a backup holds, written as {@code manifest.json} beside the dump once the dump is
 * complete: a directory without it is not a backup.
 *
 * @param toolVersion the wms-analytics version that made it
 * @param migrationVersion the replica's Flyway migration version at the time
 * @param serverVersion the replica's PostgreSQL version
 * @param pgDumpVersion the pg_dump version that wrote the dump
 * @param createdAt when the dump started (UTC)
 * @param schemas the schemas in the dump ({@code wms} without its rows)
 * @param reports each report's data as of, from {@code analytics.report_freshness}
 */
public record Manifest(
        String toolVersion,
        String migrationVersion,
        String serverVersion,
        String pgDumpVersion,
        Instant createdAt,
        List<String> schemas,
        List<Report> reports) {

    public static final String FILE = "manifest.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One report and the data as of its newest gated success, empty if it has none. */
    public record Report(String view, Optional<Instant> dataAsOf) {}

    public Manifest {
        schemas = List.copyOf(schemas);
        reports = List.copyOf(reports);
    }

    void write(Path directory) throws IOException {
        MAPPER.writeValue(directory.resolve(FILE).toFile(), this);
    }

    public static Manifest read(Path directory) throws IOException {
        return MAPPER.readValue(directory.resolve(FILE).toFile(), Manifest.class);
    }
}
