package org.fundraising.appeal;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import org.fundraising.platform.Amount;
import org.fundraising.platform.InputSchema;
import org.hibernate.validator.constraints.Range;

import java.time.LocalDate;

/** The body of {@code POST} and {@code PATCH /appeals}: what a person sets on an appeal. */
@RegisterForReflection
public record AppealInput(
        @NotNull(message = "is required") String name,
        String description,
        String appealType,
        String defaultFundId,
        LocalDate startDate,
        LocalDate endDate,
        Amount goalAmount,
        Amount budgetAmount,
        @Range(min = 0, max = InputSchema.MAX_COUNT, message = InputSchema.COUNT_RANGE) Long targetSolicitedCount) {
}
