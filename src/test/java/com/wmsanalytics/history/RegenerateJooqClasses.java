package com.wmsanalytics.history;

import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.demo.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Regenerates the jOOQ classes of the control tables ({@code com.wmsanalytics.history.jooq})
 * from the replica migrations: starts an embedded PostgreSQL server, migrates it and runs the
 * generator into {@code src/main/java}. Run it from the project directory after changing a
 * migration of the control tables, then commit the result:
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=com.wmsanalytics.history.RegenerateJooqClasses -Dexec.classpathScope=test
 * </pre>
 *
 * <p>{@link GeneratedJooqClassesTest} fails while the committed classes differ from what this
 * generates. The generator replaces the whole package, so nothing hand-written belongs in it.
 * If a failed generation left classes that do not compile, restore the committed ones from
 * version control before running it again: it runs from the compiled test classes.
 */
public final class RegenerateJooqClasses {

    public static final String PACKAGE = "com.wmsanalytics.history.jooq";

    /**
     * The control tables the history reads and writes. The refresh groups' table belongs to
     * the refresh package, which reads it by name; Quartz's tables stay out.
     */
    static final String TABLES = "refresh_run|refresh_run_gate|refresh_run_view|refresh_run_summary";

    private RegenerateJooqClasses() {}

    public static void main(String[] args) throws Exception {
        Path sources = Path.of(args.length > 0 ? args[0] : "src/main/java");
        Path data = Files.createTempDirectory("wms-analytics-jooq-");
        try (EmbeddedServer server = EmbeddedServer.start("codegen", data, Map.of(), Optional.empty())) {
            server.execute("postgres", "CREATE DATABASE wms_db");
            Migrator.migrateReplica(server.dataSource("wms_db"));
            GenerationTool.generate(configuration(server.jdbcUrl("wms_db"), server.superuser(), sources));
        }
        System.out.println("regenerated " + PACKAGE + " in " + sources.toAbsolutePath());
    }

    /** The generator's configuration, shared with {@link GeneratedJooqClassesTest}. */
    static Configuration configuration(String jdbcUrl, String user, Path sources) {
        return new Configuration()
                .withJdbc(new Jdbc()
                        .withDriver("org.postgresql.Driver")
                        .withUrl(jdbcUrl)
                        .withUser(user))
                .withGenerator(new Generator()
                        .withDatabase(database())
                        .withGenerate(generate())
                        .withTarget(new Target()
                                .withPackageName(PACKAGE)
                                .withDirectory(sources.toString())
                                .withEncoding("UTF-8")
                                .withClean(true)));
    }

    private static Database database() {
        return new Database()
                .withName("org.jooq.meta.postgres.PostgresDatabase")
                .withInputSchema("analytics_control")
                .withIncludes(TABLES)
                .withExcludes("flyway_schema_history|qrtz_.*")
                .withIncludeTables(true)
                .withIncludeRoutines(false)
                .withIncludePackages(false)
                .withIncludeUDTs(false)
                .withIncludeDomains(false)
                .withIncludeSequences(false)
                .withIncludeTriggers(false)
                // jOOQ 3.19.16 cannot read foreign keys through pgjdbc 42.7.5's metadata
                // (jOOQ issue #17873). The history needs none of them in Java: the database
                // enforces them and cascades the purge.
                .withIncludeForeignKeys(false)
                .withForcedTypes(
                        new ForcedType()
                                .withName("INSTANT")
                                .withIncludeTypes("(?i:timestamp\\ with\\ time\\ zone|timestamptz)"),
                        new ForcedType()
                                .withUserType("java.lang.String")
                                .withBinding("com.wmsanalytics.db.PgLsnBinding")
                                .withIncludeTypes("(?i:pg_lsn)"));
    }

    private static Generate generate() {
        return new Generate()
                .withRecords(true)
                .withPojos(false)
                .withDaos(false)
                .withGeneratedAnnotation(false)
                .withGeneratedAnnotationDate(false)
                .withGeneratedAnnotationJooqVersion(false)
                .withSequences(false)
                .withRoutines(false)
                .withJavaTimeTypes(true)
                .withNewline("\n")
                .withIndentation("    ");
    }
}
