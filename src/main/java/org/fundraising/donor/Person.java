package org.fundraising.donor;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A person as the original's screens read one: the name whole and in parts, the primary email, the household. */
@RegisterForReflection
public record Person(String id, String fullName, String firstName, String lastName, String email, String householdId,
                     Address mailingAddress, String createdAt, String updatedAt) {

    /** A postal address in the original's words; absent (null) when every part is empty. */
    @RegisterForReflection
    public record Address(String line1, String line2, String city, String region, String postalCode, String country) {
    }
}
