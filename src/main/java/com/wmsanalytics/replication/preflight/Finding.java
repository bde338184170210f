package com.wmsanalytics.replication.preflight;

/** One thing that makes a server unfit for the pipeline, with the fix. */
public record Finding(String server, String problem, String fix) {

    public String line() {
        return server + ": " + problem + "; fix: " + fix;
    }
}
