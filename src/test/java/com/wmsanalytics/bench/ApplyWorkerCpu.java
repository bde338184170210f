package com.wmsanalytics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The CPU time the subscription's apply worker has used, read from {@code /proc/<pid>/stat} (the
 * benchmark's servers run on this machine). The apply of a bulk is one process's work, so its CPU
 * time measures what the capture adds to it without the scheduling noise of the wall clock on a
 * busy two-core machine; the wall-clock apply is reported beside it.
 */
final class ApplyWorkerCpu {

    /** Linux's USER_HZ: the unit of utime and stime in /proc/<pid>/stat. */
    private static final long TICKS_PER_SECOND = 100;

    private final Connection replica;

    ApplyWorkerCpu(Connection replica) {
        this.replica = replica;
    }

    /** The apply worker's user and system CPU time so far. */
    Duration used() throws SQLException {
        try (Statement s = replica.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT pid FROM pg_stat_subscription WHERE relid IS NULL AND pid IS NOT NULL")) {
            if (!rs.next()) {
                throw new IllegalStateException("the subscription has no apply worker running");
            }
            String stat = Files.readString(Path.of("/proc", Integer.toString(rs.getInt(1)), "stat"));
            // The fields after the command name, which is in parentheses: utime and stime are the 12th and 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the apply worker's CPU time", e);
        }
    }
}
