package com.wmsanalytics.history;

/** What one folding of the history did: the runs it folded, into how many job-hours. */
public record Summarized(int runs, int hours) {}
