package org.fundraising.household;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.donor.Person;
import org.fundraising.donor.PersonRecords;
import org.fundraising.twenty.Envelopes;

import java.util.List;

/** A household as the original answered it: names for letters, the primary contact, the shared address. */
@RegisterForReflection
public record Household(String id, String name, String primaryContactId, String envelopeName, String salutationFormal,
                        String salutationInformal, Person.Address mailingAddress, String createdAt, String updatedAt) {

    static Household of(ObjectNode household) {
        return new Household(household.path("id").asText(), PersonRecords.text(household.path("name")),
                PersonRecords.text(household.path("primaryContactId")), PersonRecords.text(household.path("envelopeName")),
                PersonRecords.text(household.path("salutationFormal")), PersonRecords.text(household.path("salutationInformal")),
                PersonRecords.address(household.path("mailingAddress")), PersonRecords.text(household.path("createdAt")),
                PersonRecords.text(household.path("updatedAt")));
    }

    /** {@code GET /households}: a page and the original's paging summary. */
    @RegisterForReflection
    public record Page(List<Household> households, Envelopes.PageMeta meta) {
    }

    /** {@code GET /households/:id/members}: every member, and how many. */
    @RegisterForReflection
    public record Members(List<Person> members, Count meta) {
    }

    @RegisterForReflection
    public record Count(int totalCount) {
    }
}
