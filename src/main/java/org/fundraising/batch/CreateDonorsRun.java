package org.fundraising.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.donor.DonorMatch;
import org.fundraising.donor.PersonRecords;
import org.fundraising.gift.GiftRecords;
import org.fundraising.staging.StagingRecords;
import org.fundraising.staging.StagingStatuses;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyException;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The create-donors run: a new person for each row named in the start ({@code stagingIds}), or, with none named,
 * for every row of the batch whose donor-match verdict is {@code no_match}, created 60 to a call through
 * {@code /batch/people} and linked to the row in one upsert. Each person's id is derived from its row's, so a run
 * started again after a crash finds the people it created and creates nobody twice. Twenty refuses a batch whole
 * (an email another person already has): the chunk is halved down to the row at fault, which is an error that
 * names the reason. Rows already linked, or without a first and last name, are left as they are.
 */
@ApplicationScoped
public class CreateDonorsRun {

    private static final int CHUNK = 60;

    private final TwentyClient twenty;
    private final ObjectMapper json;
    private final ChunkPatience patience;

    CreateDonorsRun(TwentyClient twenty, ObjectMapper json, ChunkPatience patience) {
        this.patience = patience;
        this.twenty = twenty;
        this.json = json;
    }

    Multi<Integer> run(TwentyCaller caller, RunProgress progress, BatchReads.OpenRows open, Integer maxRows, Set<String> stagingIds) {
        Multi<ObjectNode> rows = open.stream(caller, null, patience)
                .select().where(row -> stagingIds.isEmpty() ? DonorMatch.NO_MATCH.equals(BatchReads.verdict(row))
                        : stagingIds.contains(row.path("id").asText()));
        return (maxRows == null ? rows : rows.select().first(maxRows)).group().intoLists().of(CHUNK)
                .onItem().transformToUniAndConcatenate(chunk -> {
                    progress.took(chunk.size());
                    List<ObjectNode> named = new ArrayList<>();
                    for (ObjectNode row : chunk) {
                        if (BatchReads.identity(row).hasName()) {
                            named.add(row);
                        } else {
                            progress.row(new RunSnapshot.RowOutcome(row.path("id").asText(), DonorMatch.INSUFFICIENT_IDENTITY,
                                    "a new donor needs a first and a last name", null), false, true, false);
                        }
                    }
                    return create(caller, progress, named).replaceWith(chunk.size());
                });
    }

    private Uni<Void> create(TwentyCaller caller, RunProgress progress, List<ObjectNode> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ObjectNode> people = rows.stream()
                .map(row -> PersonRecords.newPerson(GiftRecords.personIdFor(row.path("id").asText()), BatchReads.identity(row),
                        StagingRecords.rawPayload(row))).toList();
        return patience.retried(caller, () -> twenty.createMissing(caller, FundraisingSchema.PERSON.plural(), people)
                        .chain(created -> link(caller, progress, rows)))
                .onFailure(TwentyException.class).recoverWithUni(failure -> {
                    if (((TwentyException) failure).kind() != TwentyException.Kind.REJECTED) {
                        return Uni.createFrom().failure(failure);
                    }
                    if (rows.size() == 1) {
                        String id = rows.get(0).path("id").asText();
                        progress.row(new RunSnapshot.RowOutcome(id, "error", "Twenty refused the new donor: " + failure.getMessage(),
                                null), false, false, true);
                        return Uni.createFrom().voidItem();
                    }
                    progress.split();
                    return create(caller, progress, rows.subList(0, rows.size() / 2))
                            .chain(() -> create(caller, progress, rows.subList(rows.size() / 2, rows.size())));
                });
    }

    /** The rows point at their new people, with the verdict {@code created_donor}, in one upsert. */
    private Uni<Void> link(TwentyCaller caller, RunProgress progress, List<ObjectNode> rows) {
        String now = Instant.now().toString();
        List<ObjectNode> links = rows.stream().map(row -> {
            String personId = GiftRecords.personIdFor(row.path("id").asText());
            ObjectNode diagnostics = BatchReads.diagnostics(row);
            diagnostics.putObject("identityResolution").put("status", "created_donor").put("action", "created_donor")
                    .put("matchedDonorId", personId).put("processedAt", now).put("runId", caller.requestId());
            ObjectNode link = json.createObjectNode().put("id", row.path("id").asText()).put("donorId", personId)
                    .put("dedupeStatus", StagingStatuses.MATCHED_EXISTING);
            link.set("processingDiagnostics", diagnostics);
            return link;
        }).toList();
        return twenty.upsertMany(caller, StagingRecords.OBJECT, links)
                .invoke(written -> rows.forEach(row -> progress.row(new RunSnapshot.RowOutcome(row.path("id").asText(),
                        "created_donor", null, GiftRecords.personIdFor(row.path("id").asText())), true, false, false)))
                .replaceWithVoid();
    }


}
