package org.fundraising.household;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.fundraising.platform.Ids;

/** The body of {@code POST} and {@code PATCH /households}. */
@RegisterForReflection
public record HouseholdInput(
        @NotNull(message = "is required") String name,
        String envelopeName,
        String salutationFormal,
        String salutationInformal,
        @Pattern(regexp = Ids.UUID_REGEX, message = Ids.NOT_UUID) String primaryContactId,
        JsonNode mailingAddress) {
}
