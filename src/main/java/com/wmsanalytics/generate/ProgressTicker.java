package com.wmsanalytics.generate;

/** Reports the orders made so far, every {@value #EVERY} orders and at the end. */
final class ProgressTicker {

    static final int EVERY = 10_000;

    private final GenerateProgress progress;
    private final long total;
    private long done;

    ProgressTicker(GenerateProgress progress, long total) {
        this.progress = progress;
        this.total = total;
    }

    void tick() {
        if (++done % EVERY == 0) {
            progress.update("orders", done, total);
        }
    }

    void finish() {
        if (done % EVERY != 0) {
            progress.update("orders", done, total);
        }
    }
}
