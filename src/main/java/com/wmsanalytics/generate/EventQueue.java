package com.wmsanalytics.generate;

import java.util.Comparator;
import java.util.PriorityQueue;

/** Things that happen at a set time, run in time order; ties run in the order scheduled. */
final class EventQueue {

    private record Event(long time, long sequence, Runnable action) {}

    private final PriorityQueue<Event> events =
            new PriorityQueue<>(Comparator.comparingLong(Event::time).thenComparingLong(Event::sequence));
    private long scheduled;
    private long clock = Long.MIN_VALUE;

    void at(long time, Runnable action) {
        if (time < clock) {
            throw new IllegalStateException("event at " + time + " scheduled after " + clock + " ran");
        }
        events.add(new Event(time, scheduled++, action));
    }

    /** Runs every event before {@code end}, including those the events schedule. */
    void runBefore(long end) {
        while (!events.isEmpty() && events.peek().time() < end) {
            Event event = events.poll();
            clock = event.time();
            event.action().run();
        }
    }
}
