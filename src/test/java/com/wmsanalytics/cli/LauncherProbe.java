package com.wmsanalytics.cli;

import java.lang.management.ManagementFactory;

/**
 * The program {@link LauncherTest} puts in a jar in place of the real one: it prints the
 * arguments it was given, then the JVM's options, and exits 3 when an argument is
 * {@code fail}.
 */
public final class LauncherProbe {

    private LauncherProbe() {}

    public static void main(String[] args) {
        System.out.println("args: " + String.join(" ", args));
        System.out.println(
                "jvm: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.exit(java.util.List.of(args).contains("fail") ? 3 : 0);
    }
}
