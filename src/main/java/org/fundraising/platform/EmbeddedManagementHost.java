package org.fundraising.platform;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.Priority;

/**
 * Where the management interface (probes, metrics) listens when no one said: on every interface when a Twenty is
 * configured (the orchestrator probes it), on loopback in embedded mode, which is this machine's demo and nobody
 * else's. {@code FUNDRAISING_MANAGEMENT_HOST} (or {@code quarkus.management.host}) decides otherwise.
 */
@Priority(90)
public class EmbeddedManagementHost implements ConfigSourceInterceptor {

    static final String PROPERTY = "quarkus.management.host";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!PROPERTY.equals(name) || (value != null && value.getValue() != null)) {
            return value;
        }
        ConfigValue chosen = context.proceed("fundraising.management-host");
        if (chosen != null && chosen.getValue() != null && !chosen.getValue().isBlank()) {
            return chosen.withName(PROPERTY);
        }
        boolean embedded = blank(context.proceed("twenty.api-base-url")) && blank(context.proceed("twenty.rest-base-url"));
        return ConfigValue.builder().withName(PROPERTY).withValue(embedded ? "127.0.0.1" : "0.0.0.0")
                .withConfigSourceName(EmbeddedManagementHost.class.getSimpleName()).build();
    }

    private static boolean blank(ConfigValue value) {
        return value == null || value.getValue() == null || value.getValue().isBlank();
    }
}
