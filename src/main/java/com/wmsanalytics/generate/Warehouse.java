package com.wmsanalytics.generate;

/** A warehouse as the simulation needs it. */
record Warehouse(int id, String region) {}
