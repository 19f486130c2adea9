package org.fundraising.platform;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.Priority;

import java.util.Locale;
import java.util.Set;

/**
 * Boolean settings accept 1/true/yes/on and 0/false/no/off, as the original service did; anything else stops
 * start-up with a message naming the environment variable, instead of silently meaning false.
 */
@Priority(100)
public class StrictBooleanSettings implements ConfigSourceInterceptor {

    /** Every boolean setting of the service's config mappings; a test finds them all and checks none is missing. */
    static final Set<String> PROPERTIES = Set.of(
            "fundraising.enable-gift-staging",
            "fundraising.staging-auto-process-default",
            "fundraising.emulator.retry-after",
            "fundraising.emulator.provision",
            "fundraising.emulator.remote-access",
            "fundraising.batch.require-totals-match",
            "fundraising.staging-recovery",
            "fundraising.rollup.incremental");

    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");
    private static final Set<String> FALSE = Set.of("0", "false", "no", "off");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value == null || value.getValue() == null || !PROPERTIES.contains(name)) {
            return value;
        }
        return value.withValue(String.valueOf(parse(name, value.getValue())));
    }

    static boolean parse(String property, String raw) {
        String normalised = raw.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(normalised)) {
            return true;
        }
        if (FALSE.contains(normalised)) {
            return false;
        }
        throw new IllegalArgumentException(envName(property) + " must be one of 1/true/yes/on or 0/false/no/off, got '"
                + raw + "'");
    }

    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
