package com.wmsanalytics.generate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads deterministic, realistic WMS activity into a primary that has the {@code wms} schema.
 *
 * <p>The first run on a database without orders generates {@code days} days ending yesterday
 * (UTC, by the injected clock) and makes the master data the database lacks. Every later
 * run appends {@code days} more days after the last day that has orders, continuing the
 * ids, the inventory and the orders and shipments the earlier run left unfinished. The same
 * request and clock on the same starting database give the same table contents.
 *
 * <p>A run is one transaction: it loads completely or not at all.
 */
public final class DataGenerator {

    private static final Logger log = LoggerFactory.getLogger(DataGenerator.class);

    private final DataSource primary;
    private final Clock clock;
    private final String publisher;

    public DataGenerator(DataSource primary, Clock clock) {
        this(primary, clock, null);
    }

    /** {@code publisher} names the target in error messages, e.g. a missing schema. */
    public DataGenerator(DataSource primary, Clock clock, String publisher) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publisher = publisher;
    }

    public GenerateSummary generate(GenerateRequest request, GenerateProgress progress) {
        long started = System.nanoTime();
        RunResult result = inTransaction(request, Objects.requireNonNull(progress, "progress"));
        GenerateSummary summary = result.summary(Duration.ofNanos(System.nanoTime() - started));
        log.info(
                "{} - generated {} to {}: {} order lines in {} ms ({} lines/s), rows written {}",
                publisher == null ? "generate" : "generate " + publisher,
                summary.firstDay(),
                summary.lastDay(),
                summary.orderLines(),
                summary.elapsed().toMillis(),
                Math.round(summary.orderLinesPerSecond()),
                summary.rowsWritten());
        return summary;
    }

    private RunResult inTransaction(GenerateRequest request, GenerateProgress progress) {
        try (Connection connection = primary.getConnection()) {
            connection.setAutoCommit(false);
            RunResult result = runOrRollBack(connection, request, progress);
            connection.commit();
            return result;
        } catch (SQLException e) {
            throw Sql.failure("load the generated data", e);
        }
    }

    private RunResult runOrRollBack(Connection connection, GenerateRequest request, GenerateProgress progress) {
        try {
            return new GenerationRun(connection, clock, publisher, progress).run(request);
        } catch (RuntimeException e) {
            rollBack(connection, e);
            throw e;
        }
    }

    private static void rollBack(Connection connection, RuntimeException failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
