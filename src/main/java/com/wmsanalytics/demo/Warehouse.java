package com.wmsanalytics.demo;

/** A warehouse as the simulation needs it. */
record Warehouse(int id, String region) {}
