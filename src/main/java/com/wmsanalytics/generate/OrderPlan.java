package com.wmsanalytics.generate;

/** An order with its lines and its fate; {@code warehouse} is the warehouse's index. */
record OrderPlan(long id, int customerId, int warehouse, Segment segment, long createdAt, Lines lines, Fate fate) {}
