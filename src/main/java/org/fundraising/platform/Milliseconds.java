package org.fundraising.platform;

import org.eclipse.microprofile.config.spi.Converter;

import java.time.Duration;

/**
 * Reads a {@code …_MS} setting: a whole number of milliseconds, as these settings have always been written
 * ({@code 15000}), into a {@link Duration}. Quarkus' own reading of a bare number is seconds, hence this.
 */
public class Milliseconds implements Converter<Duration> {

    @Override
    public Duration convert(String value) {
        String text = value == null ? "" : value.trim();
        if (!text.matches("\\d{1,12}")) {
            throw new IllegalArgumentException("must be a whole number of milliseconds, e.g. 15000");
        }
        return Duration.ofMillis(Long.parseLong(text));
    }
}
