package com.wmsanalytics.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * On the suite's second pass, on another PostgreSQL major version (the system property
 * {@code wms.test.pg-binaries} is set), keeps only the test classes that start servers of the
 * pass's version through a {@link PostgresPair}. The other classes never reach PostgreSQL, or
 * choose their binaries themselves, so the second pass would run exactly what the first
 * already ran. Registered through {@code META-INF/services}.
 */
public final class SecondPassFilter implements PostDiscoveryFilter {

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (PostgresPair.binaries().isEmpty()) {
            return FilterResult.included("the first pass runs every class");
        }
        Optional<Class<?>> testClass = testClass(descriptor.getSource().orElse(null));
        if (testClass.isEmpty() || usesPostgresPair(testClass.get())) {
            return FilterResult.included("runs on the servers of this pass");
        }
        return FilterResult.excluded("starts no PostgreSQL server: ran on the first pass");
    }

    private static Optional<Class<?>> testClass(TestSource source) {
        if (source instanceof ClassSource c) {
            return Optional.of(c.getJavaClass());
        }
        if (source instanceof MethodSource m) {
            return Optional.of(m.getJavaClass());
        }
        return Optional.empty();
    }

    /**
     * Whether the class, a superclass or an enclosing class holds a static PostgresPair on the
     * pass's version.
     */
    static boolean usesPostgresPair(Class<?> type) {
        if (type == null || type == Object.class) {
            return false;
        }
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == PostgresPair.class) {
                return followsThePass(field);
            }
        }
        return usesPostgresPair(type.getSuperclass()) || usesPostgresPair(type.getEnclosingClass());
    }

    private static boolean followsThePass(Field field) {
        try {
            field.setAccessible(true);
            PostgresPair pair = (PostgresPair) field.get(null);
            return pair == null || pair.followsThePass();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
