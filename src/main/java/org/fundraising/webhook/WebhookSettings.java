package org.fundraising.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import org.fundraising.platform.Milliseconds;

import java.time.Duration;

/** How the webhook inbox is drained ({@code FUNDRAISING_WEBHOOK_…}). */
@ConfigMapping(prefix = "fundraising.webhook")
public interface WebhookSettings {

    /**
     * After a claim that found fewer events than one Twenty batch holds, how long the worker waits for more before
     * posting what it has ({@code FUNDRAISING_WEBHOOK_GATHER_MS}, default 200): a burst becomes a few full batches.
     */
    @WithName("gather-ms")
    @WithConverter(Milliseconds.class)
    @WithDefault("200")
    Duration gather();

    /** How often an idle worker looks at the inbox ({@code FUNDRAISING_WEBHOOK_POLL_MS}, default 250). */
    @WithName("poll-ms")
    @WithConverter(Milliseconds.class)
    @WithDefault("250")
    Duration poll();

    /** The first retry's delay, doubled at each further attempt up to 5 minutes ({@code FUNDRAISING_WEBHOOK_RETRY_BASE_MS}). */
    @WithName("retry-base-ms")
    @WithConverter(Milliseconds.class)
    @WithDefault("5000")
    Duration retryBase();

    /**
     * How long a claimed group is hidden from other claims ({@code FUNDRAISING_WEBHOOK_CLAIM_MS}, default 120000): a
     * group outlasting it is claimed again and posted again harmlessly (its ids are derived), and the events of an
     * instance that died are taken up after it.
     */
    @WithName("claim-ms")
    @WithConverter(Milliseconds.class)
    @WithDefault("120000")
    Duration claim();

    /** Attempts before an event is parked for a person to look at ({@code FUNDRAISING_WEBHOOK_MAX_ATTEMPTS}, default 8). */
    @WithDefault("8")
    int maxAttempts();
}
