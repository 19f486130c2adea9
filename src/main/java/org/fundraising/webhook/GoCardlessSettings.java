package org.fundraising.webhook;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** GoCardless' webhook settings: {@code GOCARDLESS_WEBHOOK_SECRET}. */
@ConfigMapping(prefix = "gocardless")
public interface GoCardlessSettings {

    /** The endpoint's secret; unset: the route answers 503. */
    Optional<String> webhookSecret();
}
