package com.wmsanalytics.service;

/** Where long operations report to a person: result lines, and progress that may be redrawn. */
public interface Console {

    void println(String line);

    void progress(String line);
}
