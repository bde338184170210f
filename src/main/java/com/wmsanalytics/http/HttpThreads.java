package com.wmsanalytics.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoint's request threads: a fixed, small pool of named daemon threads with a bounded
 * queue. When the queue is full the server closes the new connection instead of piling up work.
 */
final class HttpThreads {

    static final int THREADS = 2;
    static final String NAME = "wms-http-";
    private static final int QUEUE = 16;

    private HttpThreads() {}

    static ExecutorService bounded() {
        return new ThreadPoolExecutor(
                THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), named());
    }

    private static ThreadFactory named() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, NAME + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
