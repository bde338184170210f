package com.wmsanalytics.generate;

/**
 * Receives the generator's progress: once per master-data table, at least every 10,000
 * orders and once for the inventory. {@code phase} names the table or step.
 */
@FunctionalInterface
public interface GenerateProgress {

    GenerateProgress NONE = (phase, done, total) -> {};

    void update(String phase, long done, long total);
}
