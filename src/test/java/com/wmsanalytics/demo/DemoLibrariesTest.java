package com.wmsanalytics.demo;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.UsageException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The demo's check for the embedded servers' library, which the service jar leaves out. */
class DemoLibrariesTest {

    @Test
    void the_demo_runs_where_the_library_is_on_the_class_path() {
        assertDoesNotThrow(() -> DemoLibraries.require(DemoLibrariesTest.class.getClassLoader()));
    }

    @Test
    void without_the_library_the_demo_stops_with_one_line_that_says_where_it_runs() throws Exception {
        try (URLClassLoader withoutIt = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            UsageException e = assertThrows(UsageException.class, () -> DemoLibraries.require(withoutIt));

            assertEquals(ExitCode.USAGE, e.exitCode());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("run 'bin/wms-analytics demo' in a clone"), e.getMessage());
        }
    }
}
