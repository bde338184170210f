package com.wmsanalytics.generate;

/**
 * What one run of the data generator produces: {@code orders} orders spread over {@code days}
 * days, drawn from a random stream seeded with {@code seed}.
 */
public record GenerateRequest(int orders, int days, long seed) {

    public GenerateRequest {
        if (orders < 1) {
            throw new IllegalArgumentException("orders must be at least 1, was " + orders);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
    }
}
