package com.wmsanalytics.generate;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Buffers rows per table and copies them to the server in foreign-key order. A row that
 * references another is always buffered after it, so any flush keeps the keys satisfied.
 *
 * <p>A flush hands the buffered rows to a background thread while the simulation goes on
 * filling the same buffers, so that generating and loading overlap. At most one flush is in
 * flight; the connection is used by one thread at a time.
 */
final class CopySink implements AutoCloseable {

    /** Flush once this many bytes are buffered; it bounds the memory a run needs. */
    static final int FLUSH_BYTES = 8 << 20;

    private final Copier copier;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(CopySink::loaderThread);
    private final Map<WmsTable, Long> copied = new EnumMap<>(WmsTable.class);
    private final Map<WmsTable, CopyBuffer> filling = emptyBuffers();
    private final Map<WmsTable, CopyBuffer> inTransit = emptyBuffers();
    private Future<?> inFlight;

    CopySink(Copier copier) {
        this.copier = copier;
        for (WmsTable table : WmsTable.values()) {
            copied.put(table, 0L);
        }
    }

    CopyBuffer rows(WmsTable table) {
        return filling.get(table);
    }

    void flushWhenLarge() {
        long buffered = 0;
        for (CopyBuffer buffer : filling.values()) {
            buffered += buffer.length();
        }
        if (buffered >= FLUSH_BYTES) {
            flush();
        }
    }

    /** Starts copying everything buffered so far; the buffers are empty afterwards. */
    void flush() {
        awaitInFlight();
        filling.forEach((table, buffer) -> buffer.swapContents(inTransit.get(table)));
        inFlight = loader.submit(() -> copyAll(inTransit));
    }

    /** Copies everything buffered and waits until the server has it. */
    void finish() {
        flush();
        awaitInFlight();
    }

    /** Rows copied per table, in load order; complete after {@link #finish()}. */
    Map<String, Long> copiedRows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        copied.forEach((table, count) -> rows.put(table.tableName(), count));
        return rows;
    }

    /** Waits for a flush in flight, whatever its outcome, and stops the background thread. */
    @Override
    public void close() {
        try {
            if (inFlight != null) {
                inFlight.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // already reported, or superseded by the failure that closes the sink
        } finally {
            loader.shutdown();
        }
    }

    private void copyAll(Map<WmsTable, CopyBuffer> buffers) {
        buffers.forEach((table, buffer) -> {
            copied.merge(table, copier.copy(table, buffer), Long::sum);
            buffer.clear();
        });
    }

    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataGenerationException("interrupted while loading generated rows", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } finally {
            inFlight = null;
        }
    }

    private static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException cause
                ? cause
                : new DataGenerationException("cannot load generated rows", e.getCause());
    }

    private static Map<WmsTable, CopyBuffer> emptyBuffers() {
        Map<WmsTable, CopyBuffer> buffers = new EnumMap<>(WmsTable.class);
        for (WmsTable table : WmsTable.values()) {
            buffers.put(table, new CopyBuffer());
        }
        return buffers;
    }

    private static Thread loaderThread(Runnable task) {
        Thread thread = new Thread(task, "wms-generate-copy");
        thread.setDaemon(true);
        return thread;
    }
}
