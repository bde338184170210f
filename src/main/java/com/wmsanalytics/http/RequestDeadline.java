package com.wmsanalytics.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Bounds the time a client may take to send a request: a connection that has neither sent a
 * whole new request header nor has one being answered when its deadline comes is closed. This
 * covers a TLS handshake or a request trickled a byte at a time, which an idle timeout alone
 * does not (every byte resets it), and it closes idle kept-alive connections as well.
 */
final class RequestDeadline implements Connection.Listener {

    private final Scheduler scheduler;
    private final long millis;
    private final Map<Connection, AtomicInteger> answering = new ConcurrentHashMap<>();

    RequestDeadline(Scheduler scheduler, Duration timeout) {
        this.scheduler = scheduler;
        this.millis = timeout.toMillis();
    }

    @Override
    public void onOpened(Connection connection) {
        // An HTTP/1.1 connection is its own metadata; the TLS connection beneath it is not.
        if (connection instanceof ConnectionMetaData) {
            arm(connection, connection.getMessagesIn());
        }
    }

    @Override
    public void onClosed(Connection connection) {
        answering.remove(connection);
    }

    /** A request of this connection is being answered: its deadline waits for the answer. */
    void started(Connection connection) {
        answering.computeIfAbsent(connection, c -> new AtomicInteger()).incrementAndGet();
    }

    void finished(Connection connection) {
        AtomicInteger count = answering.get(connection);
        if (count != null) {
            count.decrementAndGet();
        }
    }

    private void arm(Connection connection, long seen) {
        scheduler.schedule(() -> check(connection, seen), millis, TimeUnit.MILLISECONDS);
    }

    private void check(Connection connection, long seen) {
        if (!connection.getEndPoint().isOpen()) {
            return;
        }
        AtomicInteger count = answering.get(connection);
        long now = connection.getMessagesIn();
        if (now > seen || (count != null && count.get() > 0)) {
            arm(connection, now);
        } else {
            connection.getEndPoint().close();
        }
    }
}
