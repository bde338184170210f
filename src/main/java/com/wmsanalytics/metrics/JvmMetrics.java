package com.wmsanalytics.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.concurrent.atomic.AtomicBoolean;

/** Micrometer's JVM and process metrics: memory, GC, threads, CPU, uptime. */
public final class JvmMetrics implements AutoCloseable {

    private final JvmGcMetrics gc;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JvmMetrics(JvmGcMetrics gc) {
        this.gc = gc;
    }

    /** Binds them to the registry. Close to stop listening for GC events. */
    public static JvmMetrics bindTo(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return new JvmMetrics(gc);
    }

    /** Safe to call twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            gc.close();
        }
    }
}
