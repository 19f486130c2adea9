package org.fundraising.batch;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.platform.InputSchema;
import org.hibernate.validator.constraints.Range;

import java.util.List;

/** A create-donors start: at most {@code maxRows} rows, or the rows named ({@code stagingIds}, at most 1,000). */
@RegisterForReflection
public record CreateDonorsStart(
        @Range(min = 1, max = InputSchema.MAX_COUNT, message = InputSchema.COUNT_RANGE) Long maxRows,
        List<String> stagingIds) {
}
