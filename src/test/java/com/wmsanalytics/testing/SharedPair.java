package com.wmsanalytics.testing;

import java.util.function.Supplier;

/**
 * The one primary and replica a test JVM shares between its classes, stopped when the JVM
 * exits. It is not kept in JUnit's root store: with several forks, surefire runs each class in
 * a launcher session of its own, whose root store closes after the class, so every class would
 * start a pair of its own.
 */
final class SharedPair {

    private static ServerPair pair;
    private static boolean stopAtExit;

    private SharedPair() {}

    /**
     * The shared pair, reset to empty servers. It is started on first use, and started again
     * when a class before this one stopped a server or left it unusable.
     */
    static synchronized ServerPair resetOrStart(Supplier<ServerPair> start) {
        if (pair != null) {
            try {
                pair.reset();
                return pair;
            } catch (RuntimeException unusable) {
                pair.closeQuietly();
                pair = null;
            }
        }
        if (!stopAtExit) {
            Runtime.getRuntime().addShutdownHook(new Thread(SharedPair::stop, "shared-postgres-pair-stop"));
            stopAtExit = true;
        }
        pair = start.get();
        return pair;
    }

    private static synchronized void stop() {
        if (pair != null) {
            pair.closeQuietly();
            pair = null;
        }
    }
}
