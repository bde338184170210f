package com.wmsanalytics.generate;

/** The data generator could not load its data; the run's transaction was rolled back. */
public class DataGenerationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataGenerationException(String message) {
        super(message);
    }

    public DataGenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
