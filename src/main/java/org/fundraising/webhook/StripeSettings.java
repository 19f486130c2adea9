package org.fundraising.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.Optional;

/** Stripe's webhook settings: {@code STRIPE_WEBHOOK_SECRET} and the signature's age tolerance. */
@ConfigMapping(prefix = "stripe")
public interface StripeSettings {

    /** The endpoint's signing secret ({@code whsec_…}); unset: the route answers 503, as the original did. */
    Optional<String> webhookSecret();

    /** How far a signature's timestamp may be from now ({@code STRIPE_WEBHOOK_TOLERANCE_SECONDS}, default 300, Stripe's own). */
    @WithName("webhook-tolerance-seconds")
    @WithDefault("300")
    long webhookToleranceSeconds();
}
