package org.fundraising.household;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.donor.PersonRecords;
import org.fundraising.platform.InputSchema.Kind;
import org.fundraising.platform.InputSchema;
import org.fundraising.platform.Required;
import org.fundraising.platform.Uuid;

/** The bodies that make a person a member of a household; other fields are ignored, as the original did. */
public final class MembershipInput {

    static final InputSchema<Join> JOIN = InputSchema.of("Household member", Join.class).ignoringUnknown();
    static final InputSchema<AddressCopy> ADDRESS_COPY = InputSchema.of("Address copy", AddressCopy.class)
            .custom("mailingAddress", Kind.JSON, PersonRecords::toTwentyAddress).ignoringUnknown();

    private MembershipInput() {
    }

    /** {@code POST /households/:id/members}: the person, and whether they become the primary contact. */
    @RegisterForReflection
    public record Join(
            @Required @Uuid String contactId,
            Boolean makePrimary) {
    }

    /**
     * {@code POST /households/:id/copy-address}: the person, and the address to give them — the household's when
     * absent, none when {@code null}.
     */
    @RegisterForReflection
    public record AddressCopy(
            @Required @Uuid String contactId,
            JsonNode mailingAddress) {
    }
}
