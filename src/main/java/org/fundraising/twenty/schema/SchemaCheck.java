package org.fundraising.twenty.schema;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.TwentyConfig;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Knows whether the workspace has what the service writes, from one metadata read on the lowest lane: once serving,
 * then at most once a minute when readiness asks. Write routes consult the last answer only, so they cost no call:
 * when it found names missing, they answer 503 before writing anything, and have it read again in the background
 * (once {@code schema apply} has run, writes work again within seconds).
 */
@ApplicationScoped
public class SchemaCheck {

    static final Duration FRESH_FOR = Duration.ofMinutes(1);
    static final Duration RECHECK_AFTER = Duration.ofSeconds(5);
    private static final TwentyCaller CALLER = TwentyCaller.system(Lane.ROLLUP, "schema.check");

    /** What the last read found: the missing names, or why it could not read. */
    public record Finding(List<String> missing, Throwable failure, Instant at) {

        public boolean complete() {
            return failure == null && missing.isEmpty();
        }

        /** A complete schema is trusted for a minute; a gap or a failed read is looked at again within seconds. */
        boolean freshAt(Instant now) {
            return at.plus(complete() ? FRESH_FOR : RECHECK_AFTER).isAfter(now);
        }
    }

    private final TwentyClient twenty;
    private final FundraisingConfig config;
    private final TwentyConfig twentyConfig;
    private volatile Finding last;
    private Uni<Finding> inFlight;

    SchemaCheck(TwentyClient twenty, FundraisingConfig config, TwentyConfig twentyConfig) {
        this.twenty = twenty;
        this.config = config;
        this.twentyConfig = twentyConfig;
    }

    /** A Twenty URL without a key could only fail every background call later: refuse to start instead. */
    void atStart(@Observes StartupEvent startup) {
        if (config.emulatorOnly()) {
            return;
        }
        if (!twentyConfig.embedded() && twentyConfig.serviceKey().isEmpty()) {
            throw new ConfigurationException("TWENTY_API_BASE_URL is set but TWENTY_API_KEY is not: create an API key "
                    + "in Twenty (Settings → APIs & Webhooks) and set TWENTY_API_KEY");
        }
    }

    /**
     * The first read waits for the HTTP server: the embedded emulator answers on it, and a command run of the jar
     * (which serves nothing) has no use for the check.
     */
    void whenServing(@ObservesAsync HttpServerStart serving) {
        if (!config.emulatorOnly()) {
            current().subscribe().with(finding -> { }, failure -> { });
        }
    }

    /** The last finding while fresh, else a new read (one at a time; a read in progress is shared). */
    public synchronized Uni<Finding> current() {
        Finding known = last;
        if (known != null && known.freshAt(Instant.now())) {
            return Uni.createFrom().item(known);
        }
        if (inFlight == null) {
            inFlight = twenty.metadataObjects(CALLER)
                    .map(objects -> new Finding(SchemaComparison.of(objects).missingNames(), null, Instant.now()))
                    .onFailure().recoverWithItem(failure -> new Finding(List.of(), failure, Instant.now()))
                    .invoke(this::remember)
                    .memoize().indefinitely();
        }
        return inFlight;
    }

    private synchronized void remember(Finding finding) {
        Finding before = last;
        last = finding;
        inFlight = null;
        if (finding.failure() == null && (before == null || before.failure() != null)) {
            // Twenty's REST API states no version: what is known is that it answered in the shapes of the release checked.
            LogEvent.of(SchemaCheck.class, "twenty_api_checked").with("checkedRelease", TwentyClient.CHECKED_RELEASE)
                    .info("Twenty's metadata API answered in the shape of Twenty " + TwentyClient.CHECKED_RELEASE);
        }
        if (finding.failure() == null && (before == null || !before.missing().equals(finding.missing()))) {
            LogEvent event = LogEvent.of(SchemaCheck.class, finding.missing().isEmpty() ? "twenty_schema_complete" : "twenty_schema_incomplete")
                    .with("missing", String.join(",", finding.missing()));
            if (finding.missing().isEmpty()) {
                event.info("Twenty has every object and field the service writes");
            } else {
                event.warn("Twenty lacks what the service writes: " + String.join(", ", finding.missing())
                        + " (run: java -jar quarkus-run.jar schema apply)");
            }
        }
    }

    /** Whether the last read found objects or fields missing: background work that needs them waits. Costs no call. */
    public boolean knownIncomplete() {
        Finding known = last;
        return known != null && known.failure() == null && !known.missing().isEmpty();
    }

    /** Refuses a write while the last read found the schema incomplete; costs no call. */
    public void requireComplete() {
        Finding known = last;
        if (known != null && known.failure() == null && !known.missing().isEmpty()) {
            if (!known.freshAt(Instant.now())) {
                current().subscribe().with(finding -> { }, failure -> { });
            }
            throw new ApiException(503, "Twenty's workspace lacks what the fundraising service writes: "
                    + String.join(", ", known.missing()) + ". Run `java -jar quarkus-run.jar schema apply` against it.",
                    known.missing(), null);
        }
    }
}
