package org.fundraising.rollup;

import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.TwentyConfig;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyWebhooks;

import java.time.Duration;

/**
 * At start, makes sure Twenty sends this service its gift changes (so totals stay true when people edit gifts in
 * Twenty), when the service's public address ({@code FUNDRAISING_PUBLIC_URL}) and the webhook secret
 * ({@code TWENTY_WEBHOOK_SECRET}) are set. Found registered, it is left alone; Twenty unreachable, it is tried
 * again for a while, on the lowest lane.
 */
@ApplicationScoped
class GiftWebhookRegistration {

    private final TwentyWebhooks webhooks;
    private final FundraisingConfig config;
    private final TwentyConfig twenty;

    GiftWebhookRegistration(TwentyWebhooks webhooks, FundraisingConfig config, TwentyConfig twenty) {
        this.webhooks = webhooks;
        this.config = config;
        this.twenty = twenty;
    }

    void whenServing(@ObservesAsync HttpServerStart serving) {
        if (config.emulatorOnly() || config.publicUrl().isEmpty()) {
            return;
        }
        if (twenty.webhookSecret().isEmpty()) {
            LogEvent.of(GiftWebhookRegistration.class, "twenty_webhook_not_registered")
                    .warn("FUNDRAISING_PUBLIC_URL is set but TWENTY_WEBHOOK_SECRET is not: Twenty's gift webhook is not registered");
            return;
        }
        String target = config.publicUrl().get().replaceAll("/+$", "") + TwentyWebhooks.RECEIVER_PATH;
        webhooks.ensure(TwentyCaller.system(Lane.ROLLUP, "rollup.webhook"), target, twenty.webhookSecret().get(),
                        TwentyWebhooks.GIFT_OPERATIONS)
                .onFailure().retry().withBackOff(Duration.ofSeconds(5), Duration.ofMinutes(5)).atMost(10)
                .subscribe().with(
                        registration -> LogEvent.of(GiftWebhookRegistration.class, "twenty_webhook_registered")
                                .with("targetUrl", target).with("webhookId", registration.id())
                                .with("created", registration.created()).with("removed", registration.removed())
                                .info("Twenty's gift webhook is in place"),
                        failure -> LogEvent.of(GiftWebhookRegistration.class, "twenty_webhook_registration_failed")
                                .with("targetUrl", target).with("reason", failure.getMessage())
                                .warn("Twenty's gift webhook could not be registered; run `schema apply` or restart"));
    }
}
