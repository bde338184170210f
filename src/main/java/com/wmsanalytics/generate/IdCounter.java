package com.wmsanalytics.generate;

/** Hands out the ids after the largest one a table already holds. */
final class IdCounter {

    private long next;

    IdCounter(long largestUsed) {
        this.next = largestUsed + 1;
    }

    long next() {
        return next++;
    }

    int nextInt() {
        return Math.toIntExact(next++);
    }
}
