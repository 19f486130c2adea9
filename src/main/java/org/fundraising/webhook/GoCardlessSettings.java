package org.fundraising.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** GoCardless' settings: {@code GOCARDLESS_WEBHOOK_SECRET}, and the API access that reads a payment's amount. */
@ConfigMapping(prefix = "gocardless")
public interface GoCardlessSettings {

    /** The endpoint's secret; unset: the route answers 503. */
    Optional<String> webhookSecret();

    /**
     * A read-only access token ({@code GOCARDLESS_ACCESS_TOKEN}); unset: payment events are parked until it is set
     * and they are replayed, since a payment event names its payment but not its amount.
     */
    Optional<String> accessToken();

    /** GoCardless' API ({@code GOCARDLESS_API_BASE_URL}); the sandbox is {@code https://api-sandbox.gocardless.com}. */
    @WithDefault("https://api.gocardless.com")
    String apiBaseUrl();
}
