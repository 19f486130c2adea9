package org.fundraising.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.donor.DonorIdentity;
import org.fundraising.donor.DonorMatch;
import org.fundraising.donor.DonorMatcher;
import org.fundraising.staging.IdentityEvidence;
import org.fundraising.staging.StagingDiagnostics;
import org.fundraising.staging.StagingRecords;
import org.fundraising.staging.StagingStatuses;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * The donor-match run: every unresolved row of the batch (no donor, no company, not processed) gets the one
 * matcher's verdict, written on the row. The rows stream from Twenty a page of 60 at a time; each chunk costs the
 * matcher's lookup (one call, two or three for 60 varied names) and one upsert of the rows whose verdict changed.
 * Exactly one person with the first name, last name and email links the row ({@code auto_linked}); several, or a
 * name alone, leave it for a reviewer ({@code partial_match_review}); nobody found is {@code no_match};
 * too little to look for is {@code insufficient_identity}. It never creates a donor. A row whose verdict is the
 * one it already has is not written again, so running it twice costs only the reads.
 */
@ApplicationScoped
public class DonorMatchRun {

    private static final int CHUNK = 60;

    private final TwentyClient twenty;
    private final DonorMatcher matcher;
    private final ObjectMapper json;
    private final ChunkPatience patience;

    DonorMatchRun(TwentyClient twenty, DonorMatcher matcher, ObjectMapper json, ChunkPatience patience) {
        this.patience = patience;
        this.twenty = twenty;
        this.matcher = matcher;
        this.json = json;
    }

    /** The unresolved rows of the batch (no donor, no company, not processed), at most {@code maxRows}. */
    private Multi<ObjectNode> candidates(TwentyCaller caller, String batchId, Integer maxRows) {
        return BatchReads.openRows(twenty, caller, batchId, RunType.DONOR_MATCH, maxRows);
    }

    /**
     * What a run would cost now, reading the rows as the run will and writing nothing: per 60 candidates the
     * matcher's lookups (at most: one by email, one by name), a read of the gifts of the donors it links (to flag
     * possible duplicate gifts) and at most one upsert.
     */
    Uni<PlanTally> plan(TwentyCaller caller, String batchId, Integer maxRows) {
        PlanTally tally = new PlanTally();
        return candidates(caller, batchId, maxRows).group().intoLists().of(CHUNK)
                .invoke(chunk -> {
                    chunk.forEach(row -> tally.row("candidates"));
                    // At most: the lookups, a read of the linked donors' gifts on those dates, one upsert.
                    tally.calls += 2 + DonorMatcher.lookupCalls(identities(chunk));
                    tally.write("giftStagings", chunk.size());
                })
                .collect().last()
                .map(ignored -> {
                    tally.calls += tally.rows.isEmpty() ? 1 : 0;
                    return tally;
                });
    }

    Multi<Integer> run(TwentyCaller caller, RunProgress progress, BatchReads.OpenRows rows, Integer maxRows) {
        return rows.stream(caller, maxRows, patience).group().intoLists().of(CHUNK)
                .onItem().transformToUniAndConcatenate(chunk -> matchChunk(caller, progress, chunk).replaceWith(chunk.size()));
    }

    private Uni<Void> matchChunk(TwentyCaller caller, RunProgress progress, List<ObjectNode> chunk) {
        progress.took(chunk.size());
        return patience.retried(caller, () -> matcher.match(caller, identities(chunk))
                        .chain(matches -> repeatedGifts(caller, chunk, matches).chain(repeats -> write(caller, progress, chunk, matches, repeats))))
                .onFailure().recoverWithItem(failure -> {
                    // Twenty refused, or stayed unavailable past the run's patience: an error on each row, never an
                    // implied no-match; the run goes on.
                    chunk.forEach(row -> progress.row(new RunSnapshot.RowOutcome(row.path("id").asText(), "error",
                            failure.getMessage(), null), false, false, true));
                    return null;
                });
    }

    /**
     * The rows just linked to a donor that repeat one of the donor's gifts (same date and amount): staging row id →
     * the gift's id. One read of gifts for the chunk, made only when rows were linked.
     */
    private Uni<Map<String, String>> repeatedGifts(TwentyCaller caller, List<ObjectNode> chunk, List<DonorMatch> matches) {
        Map<String, ObjectNode> linked = new LinkedHashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            if (DonorMatch.AUTO_LINKED.equals(matches.get(i).status())) {
                linked.put(chunk.get(i).path("id").asText(), chunk.get(i).deepCopy().put("donorId", matches.get(i).matchedDonorId()));
            }
        }
        Set<String> donors = new LinkedHashSet<>();
        linked.values().forEach(row -> donors.add(row.get("donorId").asText()));
        return DuplicateGifts.existing(twenty, caller, donors, DuplicateGifts.dates(List.copyOf(linked.values()))).map(gifts -> {
            Map<String, String> repeats = new LinkedHashMap<>();
            linked.forEach((stagingId, row) -> {
                String giftId = gifts.get(DuplicateGifts.key(row));
                if (giftId != null) {
                    repeats.put(stagingId, giftId);
                }
            });
            return repeats;
        });
    }

    private Uni<Void> write(TwentyCaller caller, RunProgress progress, List<ObjectNode> chunk, List<DonorMatch> matches,
                            Map<String, String> repeats) {
        Instant now = Instant.now();
        List<ObjectNode> changed = new ArrayList<>();
        List<RunSnapshot.RowOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            ObjectNode row = chunk.get(i);
            DonorMatch match = matches.get(i);
            boolean linked = DonorMatch.AUTO_LINKED.equals(match.status());
            String donorId = linked ? match.matchedDonorId() : null;
            String repeatedGift = repeats.get(row.path("id").asText());
            ObjectNode diagnostics = BatchReads.diagnostics(row);
            outcomes.add(new RunSnapshot.RowOutcome(row.path("id").asText(), match.status(),
                    repeatedGift != null || (linked && DuplicateGifts.flagged(diagnostics)) ? DuplicateGifts.FLAG : match.reason(), donorId));
            if (repeatedGift == null && sameVerdict(diagnostics.path("identityResolution"), match)) {
                continue;
            }
            IdentityEvidence evidence = IdentityEvidence.of(linked ? IdentityEvidence.Source.MATCHED
                    : DonorMatch.PARTIAL_MATCH_REVIEW.equals(match.status()) ? IdentityEvidence.Source.REVIEW
                    : IdentityEvidence.Source.UNRESOLVED, match);
            diagnostics.set("identityResolution", StagingDiagnostics.resolution(evidence, donorId, now)
                    .put("runId", caller.requestId()));
            ObjectNode patch = json.createObjectNode().put("id", row.path("id").asText());
            if (linked) {
                patch.put("donorId", donorId).put("dedupeStatus", StagingStatuses.MATCHED_EXISTING);
            } else if (evidence.source() == IdentityEvidence.Source.REVIEW) {
                patch.put("dedupeStatus", StagingStatuses.NEEDS_REVIEW);
            }
            if (repeatedGift != null) {
                DuplicateGifts.flag(patch, diagnostics, DuplicateGifts.sameAsGift(repeatedGift));
            } else if (DuplicateGifts.flagged(diagnostics) && StagingStatuses.NEEDS_REVIEW.equals(row.path("dedupeStatus").asText())) {
                // Flagged at import and not yet passed by a reviewer: linking the donor does not clear it.
                patch.put("dedupeStatus", StagingStatuses.NEEDS_REVIEW);
            }
            patch.set("processingDiagnostics", diagnostics);
            changed.add(patch);
        }
        Uni<?> written = changed.isEmpty() ? Uni.createFrom().voidItem() : twenty.upsertMany(caller, StagingRecords.OBJECT, changed);
        return written.invoke(() -> outcomes.forEach(outcome -> progress.row(outcome, true,
                        !DonorMatch.AUTO_LINKED.equals(outcome.outcome()) || DuplicateGifts.FLAG.equals(outcome.reason()), false)))
                .replaceWithVoid();
    }

    private static List<DonorIdentity> identities(List<ObjectNode> rows) {
        return rows.stream().map(BatchReads::identity).toList();
    }

    /** The verdict already on the row is this one: same status, reason, linked donor and candidates. */
    private static boolean sameVerdict(JsonNode recorded, DonorMatch match) {
        if (!recorded.isObject()) {
            return false;
        }
        List<String> candidates = new ArrayList<>();
        recorded.path("candidateDonorIds").forEach(id -> candidates.add(id.asText()));
        String linked = DonorMatch.AUTO_LINKED.equals(match.status()) ? match.matchedDonorId() : null;
        return match.status().equals(recorded.path("status").asText())
                && Objects.equals(match.reason(), recorded.path("reason").asText(null))
                && Objects.equals(linked, recorded.path("matchedDonorId").asText(null))
                && candidates.equals(match.candidateDonorIds());
    }

}
