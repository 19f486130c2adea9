package org.fundraising.platform;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One structured log event: a stable {@code event} name plus fields, written as top-level keys of the JSON log
 * line (see {@link FlatJsonLogFormat}). The fields go on the log record itself, next to the caller's MDC (its
 * request id): on a thread that serves no request (a run, a worker, a timer) the MDC alone would lose them.
 */
public final class LogEvent {

    private final Logger logger;
    private final String name;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private LogEvent(Class<?> source, String name) {
        this.logger = Logger.getLogger(source.getName());
        this.name = name;
    }

    /** For hot paths: build a debug event only when it would be written. */
    public static boolean debugEnabled(Class<?> source) {
        return Logger.getLogger(source.getName()).isLoggable(Level.DEBUG);
    }

    public static LogEvent of(Class<?> source, String name) {
        return new LogEvent(source, name);
    }

    public LogEvent with(String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
        return this;
    }

    public void debug(String message) {
        write(Level.DEBUG, message);
    }

    public void info(String message) {
        write(Level.INFO, message);
    }

    public void warn(String message) {
        write(Level.WARN, message);
    }

    public void error(String message) {
        write(Level.ERROR, message);
    }

    private void write(Level level, String message) {
        if (!logger.isLoggable(level)) {
            return;
        }
        ExtLogRecord record = new ExtLogRecord(level, message, ExtLogRecord.FormatStyle.NO_FORMAT, LogEvent.class.getName());
        record.setLoggerName(logger.getName());
        record.copyMdc();
        record.putMdc("event", name);
        fields.forEach((key, value) -> record.putMdc(key, String.valueOf(value)));
        logger.logRaw(record);
    }
}
