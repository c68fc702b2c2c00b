package io.kiln.observe;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.kiln.config.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the server's log lines go. {@code logback.xml} writes text to stderr; {@link LogFormat#JSON}
 * swaps that for logback's own JSON encoder at start, once the configuration (flags, environment,
 * config file) is known: a log file cannot name a setting's environment twin.
 */
public final class LogOutput {

    private LogOutput() {
    }

    public static void use(LogFormat format) {
        if (format != LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        // what a collector needs: time, level, logger, thread, the formatted message, MDC (request and
        // job ids), key-value pairs (the access log's fields) and any throwable; not logback's internals
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("json");
        appender.setTarget("System.err"); // stdout stays the commands' own (kiln convert writes results there)
        appender.setEncoder(encoder);
        appender.start();
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }
}
