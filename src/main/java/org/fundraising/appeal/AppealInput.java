package org.fundraising.appeal;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.platform.Amount;
import org.fundraising.platform.Count;
import org.fundraising.platform.Required;

import java.time.LocalDate;

/** The body of {@code POST} and {@code PATCH /appeals}: what a person sets on an appeal. */
@RegisterForReflection
public record AppealInput(
        @Required String name,
        String description,
        String appealType,
        String defaultFundId,
        LocalDate startDate,
        LocalDate endDate,
        Amount goalAmount,
        Amount budgetAmount,
        @Count Long targetSolicitedCount) {
}
