package org.fundraising.staging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.platform.Required;
import org.fundraising.platform.Uuid;

/** The body of {@code PATCH /gift-staging/:id/status}: statuses, the error, the batch and the audit copy. */
@RegisterForReflection
public record StagingStatusChange(
        @Required StagingStatuses.Processing processingStatus,
        @Required StagingStatuses.Validation validationStatus,
        @Required StagingStatuses.Dedupe dedupeStatus,
        String errorDetail,
        @Uuid String giftBatchId,
        @Required JsonNode rawPayload) {
}
