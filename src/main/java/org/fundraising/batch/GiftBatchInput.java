package org.fundraising.batch;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.fundraising.platform.Amount;
import org.fundraising.platform.Ids;
import org.fundraising.platform.InputSchema;
import org.hibernate.validator.constraints.Range;

/**
 * The body of {@code POST} and {@code PATCH /gift-batches}: what a person sets on a batch; its totals are kept by
 * the service as rows are staged into it. The default appeal and fund fill the rows of an import that leave them blank.
 */
@RegisterForReflection
public record GiftBatchInput(
        @NotNull(message = "is required") String name,
        GiftBatchResource.Source source,
        GiftBatchResource.Status status,
        String trustPosture,
        @Range(min = 0, max = InputSchema.MAX_COUNT, message = InputSchema.COUNT_RANGE) Long expectedCount,
        Amount expectedAmount,
        @Pattern(regexp = Ids.UUID_REGEX, message = Ids.NOT_UUID) String defaultAppealId,
        String defaultFundId,
        String notes) {
}
