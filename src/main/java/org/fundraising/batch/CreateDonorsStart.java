package org.fundraising.batch;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.platform.Count;

import java.util.List;

/** A create-donors start: at most {@code maxRows} rows, or the rows named ({@code stagingIds}, at most 1,000). */
@RegisterForReflection
public record CreateDonorsStart(
        @Count(min = 1) Long maxRows,
        List<String> stagingIds) {
}
