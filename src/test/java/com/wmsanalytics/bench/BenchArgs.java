package com.wmsanalytics.bench;

import java.util.Arrays;
import java.util.List;

/** The {@code --name value} options of a benchmark program's command line. */
final class BenchArgs {

    private final List<String> args;

    BenchArgs(String[] args) {
        this.args = Arrays.asList(args);
    }

    /** The value after {@code name}, or {@code fallback} when the option is not given. */
    String option(String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    int number(String name, int fallback) {
        return Integer.parseInt(option(name, Integer.toString(fallback)));
    }

    /** A comma-separated list of values. */
    List<String> list(String name, String fallback) {
        return Arrays.asList(option(name, fallback).split(","));
    }

    List<BenchServer> servers(String fallback) {
        return list("--servers", fallback).stream().map(BenchServer::parse).toList();
    }

    boolean flag(String name) {
        return args.contains(name);
    }
}
