package org.fundraising.household;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.platform.Required;
import org.fundraising.platform.Uuid;

/** The body of {@code POST} and {@code PATCH /households}. */
@RegisterForReflection
public record HouseholdInput(
        @Required String name,
        String envelopeName,
        String salutationFormal,
        String salutationInformal,
        @Uuid String primaryContactId,
        JsonNode mailingAddress) {
}
