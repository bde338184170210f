package com.wmsanalytics.http;

import java.util.List;

/** Answers {@code /health/ready}. Called on the HTTP threads, once per probe. */
@FunctionalInterface
public interface ReadinessCheck {

    /** Empty when ready; else the reasons, one per line. */
    List<String> problems();
}
