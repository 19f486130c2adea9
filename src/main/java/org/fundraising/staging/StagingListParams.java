package org.fundraising.staging;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.Ids;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.Paging;
import org.fundraising.twenty.TwentyQuery;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The queue's list parameters, turned into Twenty's native ones: nothing is filtered after fetching. A
 * {@code statuses} value is a processing status, or {@code needs_review}/{@code matched_existing}, which the
 * original's screens send for the dedupe state; a row matches either.
 */
public record StagingListParams(
        @QueryParam("statuses") @Parameter(description = "Processing statuses, or needs_review / matched_existing; comma-separated or repeated")
        List<String> statuses,
        @QueryParam("status") List<String> status,
        @QueryParam("intakeSources") @Parameter(description = "Comma-separated or repeated") List<String> intakeSources,
        @QueryParam("intakeSource") List<String> intakeSource,
        @QueryParam("search") @Parameter(description = "Part of the donor names, email, external id or provider payment id")
        String search,
        @QueryParam("sort") @Parameter(description = "createdAt|updatedAt|giftDate|amount, then :asc or :desc") String sort,
        @QueryParam("cursor") @Parameter(description = "meta.nextCursor of the previous page") String cursor,
        @QueryParam("limit") @Parameter(description = "1 to 100 (default 25); Twenty serves at most 60 a page") String limit,
        @QueryParam("recurringAgreementId") String recurringAgreementId,
        @QueryParam("giftBatchId") String giftBatchId,
        @QueryParam("batchId") @Parameter(description = "The original's name for giftBatchId") String batchId) {

    private static final Set<String> DEDUPE_ONLY = Set.of(StagingStatuses.NEEDS_REVIEW, StagingStatuses.MATCHED_EXISTING);
    private static final Map<String, String> SORTABLE = Map.of("createdAt", "createdAt", "updatedAt", "updatedAt",
            "giftDate", "giftDate", "amount", "amount.amountMicros", "amount.amountMicros", "amount.amountMicros");
    private static final int DEFAULT_LIMIT = 25;
    private static final int MAX_LIMIT = 100;

    /** Twenty's query for these parameters; an unknown status or sort, or a malformed id, is a 400 naming it. */
    public TwentyQuery query() {
        String batch = giftBatchId != null ? giftBatchId : batchId;
        Set<String> allowed = new LinkedHashSet<>(StagingStatuses.PROCESSING_STATUSES);
        allowed.addAll(DEDUPE_ONLY);
        Set<String> wanted = Paging.checkedValues("statuses", allowed, statuses, status);
        Set<String> processing = new LinkedHashSet<>(wanted);
        processing.removeAll(DEDUPE_ONLY);
        Set<String> dedupe = new LinkedHashSet<>(wanted);
        dedupe.retainAll(DEDUPE_ONLY);
        Set<String> sources = Paging.values(intakeSources, intakeSource);
        String filter = Filters.and(
                Filters.or(processing.isEmpty() ? null : Filters.in("processingStatus", processing),
                        dedupe.isEmpty() ? null : Filters.in("dedupeStatus", dedupe)),
                sources.isEmpty() ? null : Filters.in("intakeSource", sources),
                recurringAgreementId == null || recurringAgreementId.isBlank() ? null
                        : Filters.eq("recurringAgreementId", Ids.requireUuid("recurringAgreementId", recurringAgreementId.trim())),
                batch == null || batch.isBlank() ? null
                        : Filters.eq("giftBatchId", Ids.requireUuid("giftBatchId", batch.trim())),
                Filters.or(Filters.contains("donorFirstName", search), Filters.contains("donorLastName", search),
                        Filters.contains("donorEmail", search), Filters.contains("externalId", search),
                        Filters.contains("providerPaymentId", search)));
        return Paging.query(String.valueOf(clamped(limit)), cursor, DEFAULT_LIMIT).withFilter(filter)
                .withOrderBy(Paging.orderBy(sort, SORTABLE, "createdAt[DescNullsLast]"));
    }

    /** 1 to 100 as the original clamped it (Twenty then serves at most 60 a page, with a cursor for the rest). */
    private static int clamped(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            return Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(limit.trim())));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid list query parameters: limit must be a whole number",
                    List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT)));
        }
    }
}
