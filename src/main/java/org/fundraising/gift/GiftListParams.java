package org.fundraising.gift;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.fundraising.platform.Ids;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.Paging;
import org.fundraising.twenty.TwentyQuery;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The gift list's own parameters (Twenty's come in {@code NativeListParams}), all turned into Twenty's filter. */
public record GiftListParams(
        @QueryParam("limit") @Parameter(description = "Page size, at most 60 (Twenty's page)") String limit,
        @QueryParam("cursor") @Parameter(description = "meta.nextCursor of the previous page") String cursor,
        @QueryParam("sort") @Parameter(description = "giftDate|createdAt|updatedAt|amount, then :asc or :desc") String sort,
        @QueryParam("search") @Parameter(description = "Part of the name, donor names, donor email or external id") String search,
        @QueryParam("donorId") String donorId,
        @QueryParam("contactId") @Parameter(description = "The original's name for donorId") String contactId,
        @QueryParam("companyId") String companyId,
        @QueryParam("appealId") String appealId,
        @QueryParam("giftPayoutId") String giftPayoutId,
        @QueryParam("recurringAgreementId") String recurringAgreementId,
        @QueryParam("giftBatchId") String giftBatchId,
        @QueryParam("intakeSource") List<String> intakeSource,
        @QueryParam("intakeSources") @Parameter(description = "Comma-separated or repeated") List<String> intakeSources) {

    private static final Map<String, String> SORTABLE = Map.of("giftDate", "giftDate", "createdAt", "createdAt",
            "updatedAt", "updatedAt", "amount", "amount.amountMicros", "amount.amountMicros", "amount.amountMicros");

    /** Twenty's query for these parameters; a malformed id or sort is a 400 naming the parameter. */
    public TwentyQuery query() {
        Set<String> sources = Paging.values(intakeSource, intakeSources);
        String donor = donorId != null ? donorId : contactId;
        String filter = Filters.and(
                idFilter(donorId != null ? "donorId" : "contactId", "donorId", donor),
                idFilter("companyId", "companyId", companyId),
                idFilter("appealId", "appealId", appealId),
                idFilter("giftPayoutId", "giftPayoutId", giftPayoutId),
                idFilter("recurringAgreementId", "recurringAgreementId", recurringAgreementId),
                idFilter("giftBatchId", "giftBatchId", giftBatchId),
                sources.isEmpty() ? null : Filters.in("intakeSource", sources),
                Filters.or(Filters.contains("name", search), Filters.contains("donorFirstName", search),
                        Filters.contains("donorLastName", search), Filters.contains("donorEmail", search),
                        Filters.contains("externalId", search)));
        return Paging.query(limit, cursor, TwentyQuery.MAX_LIMIT).withFilter(filter)
                .withOrderBy(Paging.orderBy(sort, SORTABLE, "createdAt[DescNullsLast]"));
    }

    private static String idFilter(String parameter, String column, String value) {
        return value == null || value.isBlank() ? null : Filters.eq(column, Ids.requireUuid(parameter, value.trim()));
    }
}
