package com.wmsanalytics.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in logging, set up in code: warnings and errors to stderr, so stdout holds only
 * results ({@link Main} sets the levels per command). Logback finds it through
 * {@code META-INF/services}. Reading the same from an XML file cost every command about a
 * tenth of a second of XML parser and configuration model. A file named by
 * {@code -Dlogback.configurationFile} (the service under systemd) or a {@code logback-test.xml}
 * on the class path (the tests) is still read by logback's own configurator.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {

    /**
     * A message can name a view or a file the user typed: it is printed escaped, as the
     * terminal's lines are. An exception is one line of its messages (its stack trace at debug).
     */
    static final String PATTERN = "%-5level %logger{0} - %escapedMsg%" + OneLineThrowable.WORD + "%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || CliLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sends WARN and above to stderr in {@link #PATTERN}, and keeps logback's own status quiet. */
    static void apply(LoggerContext context) {
        context.getStatusManager().add(new NopStatusListener());
        registerOneLineThrowable(context);
        registerEscapedMessage(context);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("com.wmsanalytics").setLevel(Level.WARN);
    }

    /** Makes {@code %oneLineEx} known to the patterns of this context. */
    static void registerOneLineThrowable(LoggerContext context) {
        rules(context).put(OneLineThrowable.WORD, OneLineThrowable::new);
    }

    private static void registerEscapedMessage(LoggerContext context) {
        rules(context).put("escapedMsg", EscapedMessageConverter::new);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Supplier<DynamicConverter<?>>> rules(LoggerContext context) {
        Map<String, Supplier<DynamicConverter<?>>> rules = (Map<String, Supplier<DynamicConverter<?>>>)
                context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        return rules;
    }
}
