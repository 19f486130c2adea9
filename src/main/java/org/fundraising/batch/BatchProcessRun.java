package org.fundraising.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.donor.DonorEmails;
import org.fundraising.donor.DonorMatch;
import org.fundraising.gift.GiftRecords;
import org.fundraising.platform.Vocabulary;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.RecordText;
import org.fundraising.posting.GiftPosting;
import org.fundraising.staging.StagingRecords;
import org.fundraising.staging.StagingStatuses;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyException;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The process run: the batch's rows that are not processed yet become gifts, whatever their review status (so an
 * imported, donor-matched batch needs no call per row to mark it ready), except rows whose donor waits for a
 * person ({@code needs_review}) or is not known yet: those are deferred. Rows stream from Twenty 60 at a time; the
 * rows that can go together (donor or company known, nothing missing, not linked to a recurring agreement) are posted in one
 * {@code /batch/gifts} call and marked processed in one upsert; a recurring-linked row goes one by one, because its
 * agreement moves on with it. Twenty takes a batch whole or not at all, so a refused chunk is halved until the row
 * at fault is alone, and that row goes one by one and is left {@code process_failed} with Twenty's reason. Each
 * gift's id is derived from its row's, so a run killed at any point and started again posts every gift exactly
 * once. A row counts as processed only once its processed mark is written.
 */
@ApplicationScoped
public class BatchProcessRun {

    private static final int CHUNK = 60;

    /** Twenty answered a batch with other records than were sent: nothing about the chunk can be trusted. */
    static final class CorrelationFailure extends RuntimeException {
        CorrelationFailure(String reason) {
            super("correlation_contract_failure: " + reason, null, false, false);
        }
    }

    private final TwentyClient twenty;
    private final GiftPosting posting;
    private final DonorEmails donorEmails;
    private final ChunkPatience patience;

    BatchProcessRun(TwentyClient twenty, GiftPosting posting, DonorEmails donorEmails, ChunkPatience patience) {
        this.patience = patience;
        this.twenty = twenty;
        this.posting = posting;
        this.donorEmails = donorEmails;
    }

    /** Which way a row goes in a process run. */
    enum Route {
        TOGETHER, ONE_BY_ONE, DONOR_NEEDS_REVIEW, DONOR_UNRESOLVED, POSSIBLE_DUPLICATE_GIFT;

        /** Why a row that does not go waits: the reason its outcome gives. */
        String reason() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Route route(ObjectNode row) {
        if (StagingStatuses.NEEDS_REVIEW.equals(row.path("dedupeStatus").asText())) {
            return DuplicateGifts.flagged(BatchReads.diagnostics(row)) ? Route.POSSIBLE_DUPLICATE_GIFT : Route.DONOR_NEEDS_REVIEW;
        }
        if (!row.hasNonNull("donorId") && !row.hasNonNull("companyId") && !GiftRecords.isAnonymous(row)) {
            return Route.DONOR_UNRESOLVED;
        }
        return row.hasNonNull("recurringAgreementId") || GiftRecords.missingForGift(row).isPresent() ? Route.ONE_BY_ONE : Route.TOGETHER;
    }

    /** The rows a run takes on: the batch's rows not processed yet, in the order they were staged, at most {@code maxRows}. */
    private Multi<ObjectNode> candidates(TwentyCaller caller, String batchId, Integer maxRows) {
        return BatchReads.openRows(twenty, caller, batchId, RunType.PROCESS_BATCH, maxRows);
    }

    /**
     * What a run would do now, reading the rows as the run will and writing nothing: per 60 rows that go together
     * one gift create and one processed mark; per recurring row a gift, a mark and the agreement's
     * two calls; per row missing data its failure mark; the batch's status twice.
     */
    Uni<PlanTally> plan(TwentyCaller caller, String batchId, Integer maxRows) {
        PlanTally tally = new PlanTally();
        return candidates(caller, batchId, maxRows).group().intoLists().of(CHUNK)
                .invoke(chunk -> {
                    int together = 0;
                    for (ObjectNode row : chunk) {
                        Route route = route(row);
                        switch (route) {
                            case TOGETHER -> {
                                together++;
                                tally.row("batchPath");
                            }
                            case ONE_BY_ONE -> {
                                tally.row("rowPath");
                                if (GiftRecords.missingForGift(row).isPresent()) {
                                    tally.reason("missing_fields");
                                    tally.calls++;
                                    tally.write("giftStagings", 1);
                                } else {
                                    tally.calls += 4;
                                    tally.write("gifts", 1);
                                    tally.write("giftStagings", 1);
                                    tally.write("recurringAgreements", 1);
                                }
                            }
                            default -> {
                                tally.row("deferred");
                                tally.reason(route.reason());
                            }
                        }
                    }
                    if (together > 0) {
                        tally.calls += 2;
                        tally.write("gifts", together);
                        tally.write("giftStagings", together);
                    }
                })
                .collect().last()
                .map(ignored -> {
                    // A batch without open rows is read itself; the batch's status is written twice.
                    tally.calls += (tally.rows.isEmpty() ? 1 : 0) + 2;
                    tally.write("giftBatches", 2);
                    return tally;
                });
    }

    Multi<Integer> run(TwentyCaller caller, RunProgress progress, BatchReads.OpenRows open, Integer maxRows) {
        String batchId = open.batchId();
        Multi<ObjectNode> rows = open.stream(caller, maxRows, patience);
        return Multi.createBy().concatenating().streams(
                        batchStatus(caller, batchId, GiftBatchResource.Status.PROCESSING).replaceWith(0).toMulti(),
                        rows.group().intoLists().of(CHUNK).onItem()
                                .transformToUniAndConcatenate(chunk -> chunk(caller, progress, chunk).replaceWith(chunk.size())))
                .onCompletion().call(() -> batchStatus(caller, batchId, finalStatus(progress.snapshot())))
                .onFailure().call(failure -> batchStatus(caller, batchId, GiftBatchResource.Status.PROCESS_FAILED));
    }

    private Uni<Void> chunk(TwentyCaller caller, RunProgress progress, List<ObjectNode> chunk) {
        progress.took(chunk.size());
        List<ObjectNode> together = new ArrayList<>();
        List<ObjectNode> oneByOne = new ArrayList<>();
        for (ObjectNode row : chunk) {
            String id = row.path("id").asText();
            Route route = route(row);
            switch (route) {
                case DONOR_NEEDS_REVIEW, DONOR_UNRESOLVED, POSSIBLE_DUPLICATE_GIFT -> deferred(progress, id, route.reason());
                case ONE_BY_ONE -> oneByOne.add(row);
                case TOGETHER -> together.add(row);
            }
        }
        List<ObjectNode> posting = new ArrayList<>(together);
        posting.addAll(oneByOne);
        return newDonorEmails(caller, posting)
                .chain(() -> postTogether(caller, progress, together))
                .chain(() -> Multi.createFrom().iterable(oneByOne)
                        .onItem().transformToUniAndConcatenate(row -> postAlone(caller, progress, row))
                        .collect().last().replaceWithVoid());
    }

    /**
     * The emails of rows linked to a donor by a person or by an explicit id (not found by that email, nor made
     * from it) are added to the donor's additional emails where new. Telling the donor's record is not the gift:
     * a failure here is logged and the gifts are posted all the same.
     */
    private Uni<Void> newDonorEmails(TwentyCaller caller, List<ObjectNode> rows) {
        Map<String, Set<String>> emailsByDonor = new LinkedHashMap<>();
        for (ObjectNode row : rows) {
            String donorId = RecordText.of(row, "donorId");
            String email = RecordText.of(row, "donorEmail");
            String verdict = BatchReads.verdict(row);
            if (donorId != null && email != null && !Set.of(DonorMatch.AUTO_LINKED, "created_donor").contains(verdict)) {
                emailsByDonor.computeIfAbsent(donorId, id -> new LinkedHashSet<>()).add(email);
            }
        }
        return donorEmails.addNew(caller, emailsByDonor).onFailure().recoverWithUni(failure -> {
            LogEvent.of(BatchProcessRun.class, "donor_email_not_added").with("requestId", caller.requestId())
                    .with("reason", failure.getMessage()).warn("a gift's new email could not be added to its donor");
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> postTogether(TwentyCaller caller, RunProgress progress, List<ObjectNode> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ObjectNode> gifts = rows.stream().map(row -> posting.giftFor(row.deepCopy(), StagingRecords.rawPayload(row))).toList();
        return patience.retried(caller, () -> twenty.createMissing(caller, GiftRecords.OBJECT, gifts))
                .invoke(created -> correlate(gifts, created))
                .onFailure(TwentyException.class).recoverWithUni(failure -> {
                    if (((TwentyException) failure).kind() != TwentyException.Kind.REJECTED) {
                        return Uni.createFrom().failure(failure);
                    }
                    if (rows.size() == 1) {
                        return postAlone(caller, progress, rows.get(0)).replaceWith((TwentyClient.Created) null);
                    }
                    progress.split();
                    List<ObjectNode> first = rows.subList(0, rows.size() / 2);
                    List<ObjectNode> second = rows.subList(rows.size() / 2, rows.size());
                    return postTogether(caller, progress, first).chain(() -> postTogether(caller, progress, second))
                            .replaceWith((TwentyClient.Created) null);
                })
                .onFailure(CorrelationFailure.class).call(failure -> markFailed(caller, rows, failure.getMessage()))
                .chain(created -> created == null ? Uni.createFrom().voidItem() : markProcessed(caller, progress, rows));
    }

    /** Twenty answered with exactly the gifts that were sent (created now or found from before), or the run stops. */
    private static void correlate(List<ObjectNode> sent, TwentyClient.Created answer) {
        Set<String> ids = new HashSet<>();
        sent.forEach(gift -> ids.add(gift.path("id").asText()));
        if (answer.created().size() + answer.alreadyThere() != sent.size()) {
            throw new CorrelationFailure("response_length_mismatch");
        }
        for (JsonNode gift : answer.created()) {
            if (!ids.remove(gift.path("id").asText())) {
                throw new CorrelationFailure("missing_record_id");
            }
        }
    }

    private Uni<Void> markProcessed(TwentyCaller caller, RunProgress progress, List<ObjectNode> rows) {
        List<ObjectNode> marks = rows.stream().map(row -> processedMark(row.path("id").asText())).toList();
        return patience.retried(caller, () -> twenty.upsertMany(caller, StagingRecords.OBJECT, marks))
                .invoke(written -> rows.forEach(row -> {
                    String id = row.path("id").asText();
                    progress.row(new RunSnapshot.RowOutcome(id, "processed", null, RecordText.of(row, "donorId"),
                            GiftRecords.giftIdFor(id)), true, false, false);
                    progress.path(true, false, false);
                }))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    // The gifts exist; running the batch again finds them by their ids and writes the marks.
                    rows.forEach(row -> progress.row(new RunSnapshot.RowOutcome(row.path("id").asText(), "error",
                            "writeback_failed: " + failure.getMessage(), null), false, false, true));
                    return null;
                });
    }

    private Uni<Void> postAlone(TwentyCaller caller, RunProgress progress, ObjectNode row) {
        String id = row.path("id").asText();
        Optional<String> missing = GiftRecords.missingForGift(row);
        Uni<ObjectNode> posted = missing.isPresent()
                ? posting.fail(caller, id, missing.get()).chain(() -> Uni.createFrom().failure(new IllegalArgumentException(missing.get())))
                : patience.retried(caller, () -> posting.post(caller, row, JsonNodeFactory.instance.objectNode()));
        return posted
                .invoke(gift -> {
                    progress.row(new RunSnapshot.RowOutcome(id, "processed", null, gift.path("donorId").asText(null),
                            gift.path("id").asText()), true, false, false);
                    progress.path(false, false, false);
                })
                .replaceWithVoid()
                .onFailure(failure -> failure instanceof IllegalArgumentException || failure instanceof GiftPosting.WritebackFailed
                        || (failure instanceof GiftPosting.GiftCreateFailed created
                        && created.twentyFailure().kind() == TwentyException.Kind.REJECTED))
                .recoverWithItem(failure -> {
                    progress.row(new RunSnapshot.RowOutcome(id, "error", failure.getMessage(), null), false, false, true);
                    progress.path(false, true, false);
                    return null;
                });
    }

    private Uni<Void> markFailed(TwentyCaller caller, List<ObjectNode> rows, String detail) {
        LogEvent.of(BatchProcessRun.class, "gift_batch_process_correlation_contract_failure").with("requestId", caller.requestId())
                .with("rows", rows.size()).with("reason", detail).error("Twenty's batch answer does not match what was sent; run stopped");
        List<ObjectNode> marks = rows.stream().map(row -> JsonNodeFactory.instance.objectNode().put("id", row.path("id").asText())
                .put("processingStatus", StagingStatuses.FAILED).put("errorDetail", detail)).toList();
        return twenty.upsertMany(caller, StagingRecords.OBJECT, marks).replaceWithVoid().onFailure().recoverWithNull();
    }

    private static ObjectNode processedMark(String stagingId) {
        return JsonNodeFactory.instance.objectNode().put("id", stagingId)
                .put("processingStatus", StagingStatuses.PROCESSED).put("validationStatus", StagingStatuses.PASSED)
                .put("dedupeStatus", StagingStatuses.PASSED).put("giftId", GiftRecords.giftIdFor(stagingId)).putNull("errorDetail");
    }

    private static void deferred(RunProgress progress, String stagingId, String reason) {
        progress.row(new RunSnapshot.RowOutcome(stagingId, "deferred", reason, null), false, true, false);
        progress.path(false, false, true);
    }

    private static GiftBatchResource.Status finalStatus(RunSnapshot snapshot) {
        return snapshot.counters().errors() > 0 || snapshot.counters().deferred() > 0
                ? GiftBatchResource.Status.PROCESSED_WITH_ISSUES : GiftBatchResource.Status.PROCESSED;
    }

    /** The batch's status is told, never relied on: a failure to write it does not stop or fail the run. */
    private Uni<Void> batchStatus(TwentyCaller caller, String batchId, GiftBatchResource.Status status) {
        return twenty.update(caller, FundraisingSchema.GIFT_BATCH.plural(), batchId,
                        JsonNodeFactory.instance.objectNode().put("status", Vocabulary.wire(status)))
                .replaceWithVoid().onFailure().recoverWithNull();
    }
}
