package org.fundraising.platform;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One structured log event: a stable {@code event} name plus fields, written as top-level keys of the JSON log
 * line (see {@link FlatJsonLogFormat}). Fields travel through the MDC only for the duration of the call.
 */
public final class LogEvent {

    private final Logger logger;
    private final String name;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private LogEvent(Logger logger, String name) {
        this.logger = logger;
        this.name = name;
    }

    /** For hot paths: build a debug event only when it would be written. */
    public static boolean debugEnabled(Class<?> source) {
        return Logger.getLogger(source).isDebugEnabled();
    }

    public static LogEvent of(Class<?> source, String name) {
        return new LogEvent(Logger.getLogger(source), name);
    }

    public LogEvent with(String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
        return this;
    }

    public void debug(String message) {
        if (logger.isDebugEnabled()) {
            write(Logger.Level.DEBUG, message);
        }
    }

    public void info(String message) {
        write(Logger.Level.INFO, message);
    }

    public void warn(String message) {
        write(Logger.Level.WARN, message);
    }

    public void error(String message) {
        write(Logger.Level.ERROR, message);
    }

    private void write(Logger.Level level, String message) {
        Map<String, Object> previous = new LinkedHashMap<>();
        put("event", name, previous);
        fields.forEach((key, value) -> put(key, value, previous));
        try {
            logger.log(level, message);
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }

    private static void put(String key, Object value, Map<String, Object> previous) {
        previous.putIfAbsent(key, MDC.get(key));
        MDC.put(key, String.valueOf(value));
    }
}
