package com.wmsanalytics.demo;

import com.wmsanalytics.UsageException;

/**
 * The embedded servers' library, which the service jar leaves out: {@code bin/wms-analytics}
 * puts it on the class path of the demo only, from {@code target/demo-lib/} of a checkout.
 */
public final class DemoLibraries {

    static final String LIBRARY_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private DemoLibraries() {}

    /** Fails with one line that says where the demo runs when the library is not on the class path. */
    public static void require(ClassLoader loader) {
        if (!present(loader)) {
            throw new UsageException("the demo needs the embedded PostgreSQL servers (target/demo-lib/ of a checkout),"
                    + " which the service jar and the installed package leave out; run 'bin/wms-analytics demo'"
                    + " in a clone of the source repository, where Maven fetches them");
        }
    }

    static boolean present(ClassLoader loader) {
        try {
            Class.forName(LIBRARY_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
