package org.fundraising.household;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.fundraising.donor.PersonRecords;
import org.fundraising.platform.Ids;
import org.fundraising.platform.InputSchema;
import org.fundraising.platform.InputSchema.Kind;

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
            @NotNull(message = "is required") @Pattern(regexp = Ids.UUID_REGEX, message = Ids.NOT_UUID) String contactId,
            Boolean makePrimary) {
    }

    /**
     * {@code POST /households/:id/copy-address}: the person, and the address to give them — the household's when
     * absent, none when {@code null}.
     */
    @RegisterForReflection
    public record AddressCopy(
            @NotNull(message = "is required") @Pattern(regexp = Ids.UUID_REGEX, message = Ids.NOT_UUID) String contactId,
            JsonNode mailingAddress) {
    }
}
