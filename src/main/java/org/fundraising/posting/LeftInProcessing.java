package org.fundraising.posting;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.fundraising.gift.GiftRecords;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.Periodic;
import org.fundraising.staging.StagingRecords;
import org.fundraising.staging.StagingStatuses;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyQuery;
import org.fundraising.twenty.schema.SchemaCheck;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Staging rows left in {@code processing} — their instance died mid-post, or the gift was posted and the row's mark
 * could not be written — are settled in the background once stale, as {@code /process} would: the gift is found by
 * its derived id (or posted), and the row is marked processed or failed with its reason. Rows marked failed whose
 * gift is in Twenty after all are marked processed. Without this such a row waits for a person to notice it.
 */
@ApplicationScoped
class LeftInProcessing {

    private static final int ROWS_A_ROUND = 60;

    private final TwentyClient twenty;
    private final StagingProcessor processor;
    private final SchemaCheck schema;
    private final Duration every;
    private final boolean serves;
    private final Periodic.Rounds rounds = new Periodic.Rounds();

    LeftInProcessing(TwentyClient twenty, StagingProcessor processor, SchemaCheck schema, FundraisingConfig config) {
        this.twenty = twenty;
        this.processor = processor;
        this.schema = schema;
        this.every = config.stagingProcessingStale().dividedBy(2);
        this.serves = config.stagingRecovery() && !config.emulatorOnly() && !every.isZero();
    }

    void whenServing(@ObservesAsync HttpServerStart serving) {
        if (serves) {
            rounds.start(every, this::round, LeftInProcessing.class, "staging_recovery_failed",
                    "could not look for rows left in processing; trying again");
        }
    }

    void atShutdown(@Observes ShutdownEvent shutdown) {
        rounds.stop();
    }

    /** A workspace known to lack the staging object has no rows to settle: the round asks nothing of Twenty. */
    Uni<Void> round() {
        if (schema.knownIncomplete()) {
            return Uni.createFrom().voidItem();
        }
        TwentyCaller caller = TwentyCaller.system(Lane.BATCH, "staging.recovery");
        return leftInProcessing(caller).chain(() -> failedWithTheirGift(caller));
    }

    private Uni<Void> leftInProcessing(TwentyCaller caller) {
        TwentyQuery query = TwentyQuery.all().withFilter(Filters.eq("processingStatus", StagingStatuses.PROCESSING))
                .withOrderBy("updatedAt[AscNullsFirst]").withLimit(ROWS_A_ROUND);
        return twenty.list(caller, StagingRecords.OBJECT, query)
                .onItem().transformToMulti(page -> Multi.createFrom().iterable(page.records()))
                .select().where(processor::stale)
                .onItem().transformToUniAndConcatenate(row -> settle(caller, row))
                .collect().last().replaceWithVoid();
    }

    /**
     * Rows marked failed whose gift is in Twenty after all (a create answered with an error after an earlier try had
     * stored it, and the mark came last) are marked processed with that gift: the latest failed rows, one read of
     * them, one of their gifts by derived id, and a write only when one is found. A gift found so is announced as
     * written: nothing else told the donor's totals about it.
     */
    private Uni<Void> failedWithTheirGift(TwentyCaller caller) {
        TwentyQuery query = TwentyQuery.all().withFilter(Filters.eq("processingStatus", StagingStatuses.FAILED))
                .withOrderBy("updatedAt[DescNullsLast]").withLimit(ROWS_A_ROUND);
        return twenty.list(caller, StagingRecords.OBJECT, query).chain(page -> {
            Map<String, String> rowByGift = new LinkedHashMap<>();
            page.records().forEach(row -> rowByGift.put(GiftRecords.giftIdFor(row.path("id").asText()), row.path("id").asText()));
            if (rowByGift.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return twenty.findCreatedEarlier(caller, GiftRecords.OBJECT, List.copyOf(rowByGift.keySet())).chain(gifts -> {
                List<ObjectNode> marks = gifts.stream().map(gift -> {
                    String giftId = gift.path("id").asText();
                    LogEvent.of(LeftInProcessing.class, "staging_row_recovered").with("stagingId", rowByGift.get(giftId))
                            .with("outcome", StagingStatuses.PROCESSED).info("a row marked failed whose gift is in Twenty was marked processed");
                    return JsonNodeFactory.instance.objectNode().put("id", rowByGift.get(giftId))
                            .put("processingStatus", StagingStatuses.PROCESSED).put("validationStatus", StagingStatuses.PASSED)
                            .put("giftId", giftId).putNull("errorDetail");
                }).toList();
                return marks.isEmpty() ? Uni.createFrom().voidItem()
                        : twenty.upsertMany(caller, StagingRecords.OBJECT, marks).replaceWithVoid();
            });
        });
    }

    private Uni<Void> settle(TwentyCaller caller, ObjectNode row) {
        String stagingId = row.path("id").asText();
        return processor.process(caller, stagingId)
                .invoke(outcome -> LogEvent.of(LeftInProcessing.class, "staging_row_recovered").with("stagingId", stagingId)
                        .with("outcome", outcome.status()).info("a row left in processing was settled"))
                .replaceWithVoid();
    }
}
