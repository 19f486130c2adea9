package org.fundraising.platform;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.JsonFormatter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.regex.Pattern;

/**
 * Quarkus' JSON formatter nests the MDC under {@code "mdc"}; operators filter on {@code requestId} and
 * {@code event} at the top level, so this wraps each JSON formatter to write MDC entries as top-level keys.
 * It also masks bearer tokens, {@code token=} parameters and the configured secrets, whatever logged them.
 */
@ApplicationScoped
public class FlatJsonLogFormat {

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern TOKEN_PARAM = Pattern.compile("(?i)((?:token|api_key|apikey)=)[^&\\s\"]+");
    private static final Set<String> ALWAYS_TEXT = Set.of("requestId", "event", "message", "path", "context");

    void install(@Observes StartupEvent startup, TwentyConfig twenty) {
        List<String> secrets = new ArrayList<>();
        twenty.apiKey().filter(key -> key.length() >= 8).ifPresent(secrets::add);
        System.getenv().forEach((name, value) -> {
            if (name.endsWith("_SECRET") && value != null && value.length() >= 8) {
                secrets.add(value);
            }
        });
        for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
            wrap(handler, List.copyOf(secrets));
        }
    }

    private static void wrap(Handler handler, List<String> secrets) {
        if (handler instanceof ExtHandler ext) {
            for (Handler child : ext.getHandlers()) {
                wrap(child, secrets);
            }
        }
        Formatter formatter = handler.getFormatter();
        if (formatter instanceof JsonFormatter json) {
            handler.setFormatter(new Flattening(json, secrets));
        }
    }

    static final class Flattening extends ExtFormatter {
        private final JsonFormatter delegate;
        private final List<String> secrets;

        Flattening(JsonFormatter delegate, List<String> secrets) {
            this.delegate = delegate;
            this.secrets = secrets;
        }

        @Override
        public String format(ExtLogRecord record) {
            String json = mask(delegate.format(record));
            Map<String, String> mdc = record.getMdcCopy();
            int end = json.lastIndexOf('}');
            if (!mdc.isEmpty() && end > 0) {
                StringBuilder line = new StringBuilder(json.length() + 64 * mdc.size()).append(json, 0, end);
                // The request id is written as sent (it is checked printable ASCII), so it stays searchable even
                // when it looks like "token=abc"; every other value is masked.
                mdc.forEach((key, value) -> appendField(line, key,
                        RequestIds.MDC_KEY.equals(key) || value == null ? value : mask(value)));
                json = line.append(json, end, json.length()).toString();
            }
            return json;
        }

        private static void appendField(StringBuilder line, String key, String value) {
            line.append(",\"").append(escape(key)).append("\":");
            if (value != null && !ALWAYS_TEXT.contains(key) && value.matches("-?\\d{1,15}")) {
                line.append(value);
            } else {
                line.append('"').append(escape(String.valueOf(value))).append('"');
            }
        }

        private String mask(String line) {
            String masked = TOKEN_PARAM.matcher(BEARER.matcher(line).replaceAll("$1***")).replaceAll("$1***");
            for (String secret : secrets) {
                masked = masked.replace(secret, "***");
            }
            return masked;
        }

        private static String escape(String text) {
            StringBuilder out = new StringBuilder(text.length() + 8);
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.toString();
        }
    }
}
