package org.fundraising.batch;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.platform.Amount;
import org.fundraising.platform.Count;
import org.fundraising.platform.Required;
import org.fundraising.platform.Uuid;

/**
 * The body of {@code POST} and {@code PATCH /gift-batches}: what a person sets on a batch; its totals are kept by
 * the service as rows are staged into it. The default appeal and fund fill the rows of an import that leave them blank.
 */
@RegisterForReflection
public record GiftBatchInput(
        @Required String name,
        GiftBatchResource.Source source,
        GiftBatchResource.Status status,
        String trustPosture,
        @Count Long expectedCount,
        Amount expectedAmount,
        @Uuid String defaultAppealId,
        String defaultFundId,
        String notes) {
}
