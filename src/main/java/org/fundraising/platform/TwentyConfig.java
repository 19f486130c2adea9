package org.fundraising.platform;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Where Twenty is, read from {@code TWENTY_API_BASE_URL} (or {@code TWENTY_REST_BASE_URL}) and {@code TWENTY_API_KEY}. */
@ConfigMapping(prefix = "twenty")
public interface TwentyConfig {

    String EMULATOR_DEFAULT_KEY = "local-dev-key";

    /** Twenty's REST base, e.g. {@code http://server:3000/rest}. Unset: the embedded emulator is used. */
    Optional<String> apiBaseUrl();

    /** Older name of {@link #apiBaseUrl()}. */
    Optional<String> restBaseUrl();

    /** Key for webhooks and background work; the emulator accepts it (default {@code local-dev-key} there). */
    Optional<String> apiKey();

    /**
     * The secret of Twenty's gift webhook ({@code TWENTY_WEBHOOK_SECRET}): set on the webhook when it is registered,
     * and every delivery's signature is checked with it. Unset: deliveries are refused (503).
     */
    Optional<String> webhookSecret();

    default Optional<String> configuredBaseUrl() {
        return apiBaseUrl().or(this::restBaseUrl)
                .map(String::trim)
                .filter(url -> !url.isEmpty())
                .map(url -> url.replaceAll("/+$", ""));
    }

    default boolean embedded() {
        return configuredBaseUrl().isEmpty();
    }

    /** The key the service uses on its own behalf: the configured one, or the emulator's default when embedded. */
    default Optional<String> serviceKey() {
        Optional<String> key = apiKey().map(String::trim).filter(k -> !k.isEmpty());
        return embedded() ? key.or(() -> Optional.of(EMULATOR_DEFAULT_KEY)) : key;
    }
}
