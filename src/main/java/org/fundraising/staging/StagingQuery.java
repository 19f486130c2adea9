package org.fundraising.staging;

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
 * The queue's list parameters as Twenty's native ones: nothing is filtered after fetching. A
 * {@code statuses} value is a processing status, or {@code needs_review}/{@code matched_existing}, which the
 * original's screens send for the dedupe state; a row matches either.
 */
final class StagingQuery {

    private static final Set<String> DEDUPE_ONLY = Set.of(StagingStatuses.NEEDS_REVIEW, StagingStatuses.MATCHED_EXISTING);
    private static final Map<String, String> SORTABLE = Map.of("createdAt", "createdAt", "updatedAt", "updatedAt",
            "giftDate", "giftDate", "amount", "amount.amountMicros", "amount.amountMicros", "amount.amountMicros");
    private static final int DEFAULT_LIMIT = 25;
    private static final int MAX_LIMIT = 100;

    private StagingQuery() {
    }

    static TwentyQuery of(List<String> statuses, List<String> status, List<String> intakeSources, List<String> intakeSource,
                           String search, String sort, String cursor, String limit, String recurringAgreementId,
                           String giftBatchId) {
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
                giftBatchId == null || giftBatchId.isBlank() ? null
                        : Filters.eq("giftBatchId", Ids.requireUuid("giftBatchId", giftBatchId.trim())),
                Filters.or(Filters.contains("donorFirstName", search), Filters.contains("donorLastName", search),
                        Filters.contains("donorEmail", search), Filters.contains("externalId", search),
                        Filters.contains("providerPaymentId", search)));
        return Paging.query(String.valueOf(limit(limit)), cursor, DEFAULT_LIMIT).withFilter(filter)
                .withOrderBy(Paging.orderBy(sort, SORTABLE, "createdAt[DescNullsLast]"));
    }

    /** 1 to 100 as the original clamped it (Twenty then serves at most 60 a page, with a cursor for the rest). */
    private static int limit(String limit) {
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
