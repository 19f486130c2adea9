package org.fundraising.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.fundraising.donor.DonorIdentity;
import org.fundraising.gift.GiftRecords;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.Ids;
import org.fundraising.platform.JsonText;
import org.fundraising.platform.RecordText;
import org.fundraising.staging.StagingRecords;
import org.fundraising.staging.StagingStatuses;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyPage;
import org.fundraising.twenty.TwentyQuery;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.util.ArrayList;
import java.util.List;

/** Reading a gift batch and its staging rows from Twenty, the same way for the import and every run. */
final class BatchReads {

    private BatchReads() {
    }

    /** The batch (one read); a 404 naming it when there is none. */
    static Uni<ObjectNode> batch(TwentyClient twenty, TwentyCaller caller, String batchId) {
        return twenty.findById(caller, FundraisingSchema.GIFT_BATCH.plural(), Ids.requireUuid("batchId", batchId), 0)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("Gift batch " + batchId + " not found")));
    }

    /**
     * The rows a run of {@code type} takes on, opened when the run is asked for: the first page is read at once (on
     * the asker's lane), which also proves that the batch exists when it has such rows, so a run costs no read of
     * the batch itself; a batch without them is read for its 404.
     */
    static Uni<OpenRows> open(TwentyClient twenty, TwentyCaller caller, String batchId, RunType type) {
        boolean donorRun = type != RunType.PROCESS_BATCH;
        TwentyQuery query = openRowsQuery(batchId, donorRun);
        return twenty.firstPage(caller, StagingRecords.OBJECT, query).chain(first -> first.records().isEmpty()
                ? batch(twenty, caller, batchId).replaceWith(new OpenRows(twenty, batchId, query, first, donorRun))
                : Uni.createFrom().item(new OpenRows(twenty, batchId, query, first, donorRun)));
    }

    /**
     * The rows a run of {@code type} would take on now, in the order they were staged, a page at a time as the
     * reader asks for them, at most {@code maxRows}: for a dry run, which reads as the run will.
     */
    static Multi<ObjectNode> openRows(TwentyClient twenty, TwentyCaller caller, String batchId, RunType type, Integer maxRows) {
        boolean donorRun = type != RunType.PROCESS_BATCH;
        return inBatch(twenty.listAll(caller, StagingRecords.OBJECT, openRowsQuery(batchId, donorRun)), batchId, donorRun, maxRows);
    }

    /**
     * A run's rows: the first page, read when the run was asked for, then the following pages as the run goes on.
     * A donor run ({@code donorRun}) leaves out explicitly anonymous rows, which have no donor by design.
     */
    record OpenRows(TwentyClient twenty, String batchId, TwentyQuery query, TwentyPage first, boolean donorRun) implements RunInput {
        /** The rows, each page read again after a transient failure for as long as the run's patience lasts. */
        Multi<ObjectNode> stream(TwentyCaller caller, Integer maxRows, ChunkPatience patience) {
            return inBatch(twenty.from(first, caller, StagingRecords.OBJECT, query, read -> patience.retried(caller, () -> read)),
                    batchId, donorRun, maxRows);
        }
    }

    /** The batch's rows not processed yet; for a donor run, only those no donor or company is linked to yet. */
    private static TwentyQuery openRowsQuery(String batchId, boolean donorRun) {
        List<String> all = new ArrayList<>(List.of(Filters.eq("giftBatchId", batchId)));
        if (donorRun) {
            all.addAll(List.of(Filters.isNull("donorId"), Filters.isNull("companyId")));
        }
        all.add(Filters.neq("processingStatus", StagingStatuses.PROCESSED));
        return TwentyQuery.all().withOrderBy("createdAt[AscNullsLast]").withFilter(Filters.and(all.toArray(String[]::new)));
    }

    private static Multi<ObjectNode> inBatch(Multi<ObjectNode> rows, String batchId, boolean donorRun, Integer maxRows) {
        // Twenty filtered already; the batch is checked again so that a wrong filter can never reach other rows.
        Multi<ObjectNode> checked = rows.select().where(row -> batchId.equals(row.path("giftBatchId").asText())
                && !(donorRun && GiftRecords.isAnonymous(row)));
        return maxRows == null ? checked : checked.select().first(maxRows);
    }

    /** The row's diagnostics as a fresh object, whether Twenty returned the RAW_JSON as an object or as its text. */
    static ObjectNode diagnostics(JsonNode row) {
        JsonNode value = JsonText.object(row.path("processingDiagnostics"));
        return value != null ? ((ObjectNode) value).deepCopy() : JsonNodeFactory.instance.objectNode();
    }

    /** The donor-match verdict recorded on the row ({@code auto_linked}, {@code created_donor}, …); empty when none. */
    static String verdict(JsonNode row) {
        return diagnostics(row).path("identityResolution").path("status").asText("");
    }

    /** Who the row says gave: its first and last name and email. */
    static DonorIdentity identity(JsonNode row) {
        return new DonorIdentity(RecordText.of(row, "donorFirstName"), RecordText.of(row, "donorLastName"),
                RecordText.of(row, "donorEmail"));
    }
}
