package org.fundraising.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Settings of the service itself, read from {@code FUNDRAISING_*} environment variables
 * (e.g. {@code fundraising.twenty.rate-per-minute} is {@code FUNDRAISING_TWENTY_RATE_PER_MINUTE}).
 * Boolean values accept 1/true/yes/on and 0/false/no/off, see {@link StrictBooleanSettings}.
 */
@ConfigMapping(prefix = "fundraising")
public interface FundraisingConfig {

    /** {@code service} (default) serves the fundraising API; {@code twenty-emulator} serves only the emulator. */
    @WithDefault("service")
    String role();

    /** Where the embedded operational store keeps its files (one running instance per directory). */
    @WithDefault("./data")
    String dataDir();

    /** Redis for the operational store and the shared gate budget, e.g. {@code redis://redis:6379}; unset: embedded. */
    Optional<String> redisUrl();

    /** Staging routes are on unless set to false (then they answer 503, as the original did). */
    @WithDefault("true")
    boolean enableGiftStaging();

    /** Whether a gift that asks nothing about auto-processing is auto-processed when eligible. */
    @WithDefault("false")
    boolean stagingAutoProcessDefault();

    /**
     * How long a staging row may stay in {@code processing} before {@code /process} takes it as left behind by a
     * crash and finishes it (safe: the gift's id is derived from the row's, so it is never posted twice).
     */
    @WithName("staging-processing-stale-ms")
    @WithConverter(Milliseconds.class)
    @WithDefault("300000")
    Duration stagingProcessingStale();

    /**
     * Whether rows left in {@code processing} past {@link #stagingProcessingStale()} are settled in the background
     * (their instance died, or the mark after a posted gift could not be written): one read of such rows every half
     * of that time, and each one found finished as {@code /process} would.
     */
    @WithDefault("true")
    boolean stagingRecovery();

    /** The charity's time zone: a gift that arrives without a date gets today's date there. */
    @WithDefault("Europe/London")
    ZoneId timezone();

    /**
     * The organisation's currency ({@code FUNDRAISING_BASE_CURRENCY}, ISO 4217, default GBP): donor totals are kept
     * in it, and gifts in any other currency are counted apart, never added to it.
     */
    @WithDefault("GBP")
    String baseCurrency();

    /**
     * Where Twenty and payment providers reach this service from outside ({@code FUNDRAISING_PUBLIC_URL}, e.g.
     * {@code https://crm.example.org}); when set, Twenty's gift webhook is registered at start. Unset: nothing is registered.
     */
    Optional<String> publicUrl();

    /**
     * The longest a person's request may wait for Twenty's shared budget, in all: past it, and at once when the
     * queue predicts it, the request answers 503 with Retry-After (background work keeps waiting its turn).
     */
    @WithName("interactive-max-wait-ms")
    @WithConverter(Milliseconds.class)
    @WithDefault("15000")
    Duration interactiveMaxWait();

    /** How caller tokens are checked before they may spend the shared Twenty budget. */
    Auth auth();

    /** Receipt policy metadata written on gifts and staging rows (nothing is sent yet). */
    Receipt receipt();

    /** Gift batches. */
    Batch batch();

    /** The gate in front of every Twenty call. */
    Gate twenty();

    /** The in-process Twenty emulator (used when no Twenty URL is configured). */
    Emulator emulator();

    default boolean emulatorOnly() {
        return "twenty-emulator".equalsIgnoreCase(role());
    }

    interface Gate {
        /** Sustained Twenty calls per minute for the whole service (Twenty allows about 100 per key); 0 = no limit. */
        @WithDefault("80")
        int ratePerMinute();

        /** Tokens that may be spent at once after a quiet spell. */
        @WithDefault("10")
        int burst();

        /** Attempts for a call that fails with 502/503/504 or a network error (the first one included). */
        @WithDefault("3")
        int maxAttempts();

        /** Retries after 429 answers before the caller is told Twenty is rate limited. */
        @WithDefault("5")
        int maxRateLimitRetries();

        /** Time a single Twenty call may take before it counts as a network error. */
        @WithName("timeout-ms")
        @WithConverter(Milliseconds.class)
        @WithDefault("15000")
        Duration timeout();

        /** First backoff delay for 5xx and network errors; doubled per attempt, with jitter. */
        @WithName("retry-base-ms")
        @WithConverter(Milliseconds.class)
        @WithDefault("250")
        Duration retryBase();

        /** How long the whole gate pauses after a 429 that carries no Retry-After. */
        @WithName("rate-limit-pause-ms")
        @WithConverter(Milliseconds.class)
        @WithDefault("10000")
        Duration rateLimitPause();

        /** How long a token that Twenty rejected is refused without asking Twenty again. */
        @WithName("rejected-token-ttl-ms")
        @WithConverter(Milliseconds.class)
        @WithDefault("60000")
        Duration rejectedTokenTtl();

        /** Attempts the circuit breaker judges together: it opens when enough of the last this many failed. */
        @WithDefault("10")
        int circuitWindow();

        /** Share of those attempts (5xx, time-outs, network errors) that opens the circuit. */
        @WithDefault("0.5")
        double circuitFailureRatio();

        /** How long the circuit stays open before one probe on the lowest lane may close it. */
        @WithName("circuit-open-ms")
        @WithConverter(Milliseconds.class)
        @WithDefault("10000")
        Duration circuitOpen();
    }

    interface Auth {
        /**
         * Tokens never seen accepted by Twenty that may be checked with Twenty per minute, whoever sends them
         * (a small share of the gate's rate); past it, new tokens answer 429 without reaching Twenty.
         */
        @WithDefault("6")
        int verifyPerMinute();

        /** New tokens that may be checked at once after a quiet spell. */
        @WithDefault("2")
        int verifyBurst();

        /** New tokens one client address may have checked per minute (burst the same). */
        @WithDefault("3")
        int verifyPerAddressPerMinute();

        /** How long a token Twenty accepted is trusted without being checked again (each accepted call renews it). */
        @WithName("accepted-token-ttl-ms")
        @WithConverter(Milliseconds.class)
        @WithDefault("600000")
        Duration acceptedTokenTtl();
    }

    interface Emulator {
        /** Calls per minute the emulator accepts before answering 429, as Twenty does; 0 turns the throttle off. */
        @WithDefault("100")
        int ratePerMinute();

        /** Whether the emulator's 429 carries Retry-After (newest Twenty) or not (2025 releases). */
        @WithDefault("false")
        boolean retryAfter();

        /**
         * The most records one call reads or writes: Twenty 2.21 answers at most 200 records a read (a read asking
         * for more is clamped without an error) and accepted a batch of 61. A batch write above it is refused.
         */
        @WithDefault("200")
        int queryMaxRecords();

        /** Whether the emulator starts with the fundraising schema already provisioned. */
        @WithDefault("true")
        boolean provision();

        /**
         * Whether callers on other machines may use the embedded mode (the fundraising API, the emulator's REST and
         * control routes, {@code /welcome}). Off: only this machine's loopback address is served, since the
         * emulator's key is the only secret and {@code /welcome} hands it out.
         */
        @WithDefault("false")
        boolean remoteAccess();

        /**
         * Other names this machine is reached by in embedded mode, besides {@code localhost}, {@code 127.0.0.1} and
         * {@code [::1]}. A request from this machine naming any other host is refused: a page elsewhere whose name
         * was pointed at 127.0.0.1 (DNS rebinding) cannot reach the API or the emulator's data.
         */
        Optional<List<String>> hosts();
    }

    interface Batch {
        /**
         * Whether a batch with an expected count or amount may be processed only when the rows staged into it come
         * to exactly that (checked by reading the batch's rows when the process run is started).
         */
        @WithDefault("false")
        boolean requireTotalsMatch();

        /**
         * How long a batch run holds its batch without a sign of life (the holder renews it after every chunk): after
         * a crash, the batch can be run again once this has passed.
         */
        @WithName("run-lease-ms")
        @WithConverter(Milliseconds.class)
        @WithDefault("120000")
        Duration runLease();

        /**
         * How long a run keeps trying a chunk while Twenty is unavailable (5xx, time-outs, rate limits, the circuit
         * open), backing off from 1 s to 30 s between tries, before the chunk's rows count as errors: an outage of a
         * few minutes delays a run instead of leaving rows for someone to run again. Refusals of the data (4xx) are
         * never retried.
         */
        @WithName("twenty-patience-ms")
        @WithConverter(Milliseconds.class)
        @WithDefault("300000")
        Duration twentyPatience();
    }

    interface Receipt {
        /** Policy of a one-off gift. */
        @WithDefault("per_gift")
        String policyOneOff();

        /** Policy of a gift linked to a recurring agreement. */
        @WithDefault("first_installment_only")
        String policyRecurring();

        /** Gifts above this many minor units of their currency get receipt status {@code suppressed}; unset: none. */
        OptionalLong autoSendThresholdMinor();
    }
}
