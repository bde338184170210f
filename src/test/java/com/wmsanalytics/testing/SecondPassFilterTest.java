package com.wmsanalytics.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.PostDiscoveryFilter;

class SecondPassFilterTest {

    @Test
    void a_class_with_a_postgres_pair_runs_again_and_one_without_does_not() {
        assertTrue(SecondPassFilter.usesPostgresPair(PostgresPairTest.class));
        assertFalse(SecondPassFilter.usesPostgresPair(WithoutPair.class));
        assertFalse(SecondPassFilter.usesPostgresPair(SecondPassFilterTest.class));
    }

    @Test
    void a_nested_class_runs_again_when_its_enclosing_class_has_the_pair() {
        assertTrue(SecondPassFilter.usesPostgresPair(WithPair.Inner.class));
    }

    @Test
    void a_class_whose_pair_chooses_its_own_binaries_runs_once() {
        assertFalse(SecondPassFilter.usesPostgresPair(WithOwnBinaries.class));
    }

    @Test
    void the_launcher_finds_the_filter_through_its_service_file() {
        assertEquals(
                List.of(SecondPassFilter.class),
                ServiceLoader.load(PostDiscoveryFilter.class).stream()
                        .map(ServiceLoader.Provider::type)
                        .toList());
    }

    /** Not test classes: only their shapes matter. */
    static final class WithoutPair {
        static final String NAME = "no servers";
    }

    static final class WithOwnBinaries {
        static final PostgresPair PAIR = PostgresPair.logical().binaries(Path.of("postgres-linux-x86_64.txz"));
    }

    static final class WithPair {
        static final PostgresPair PAIR = PostgresPair.logical();

        @Nested
        final class Inner {}
    }
}
