package com.wmsanalytics.generate;

/** A customer as the simulation needs it. */
record Customer(int id, Segment segment, String region) {}
