package org.fundraising.staging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.fundraising.platform.Ids;

/** The body of {@code PATCH /gift-staging/:id/status}: statuses, the error, the batch and the audit copy. */
@RegisterForReflection
public record StagingStatusChange(
        @NotNull(message = "is required") StagingStatuses.Processing processingStatus,
        @NotNull(message = "is required") StagingStatuses.Validation validationStatus,
        @NotNull(message = "is required") StagingStatuses.Dedupe dedupeStatus,
        String errorDetail,
        @Pattern(regexp = Ids.UUID_REGEX, message = Ids.NOT_UUID) String giftBatchId,
        @NotNull(message = "is required") JsonNode rawPayload) {
}
