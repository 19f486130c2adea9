package org.fundraising.donor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A gift's email that its linked donor does not have yet becomes one of the donor's additional emails: the primary
 * email is never changed, and nothing is written for an email the donor has already, in any case.
 */
@ApplicationScoped
public class DonorEmails {

    private final TwentyClient twenty;

    DonorEmails(TwentyClient twenty) {
        this.twenty = twenty;
    }

    /**
     * Adds to each donor (up to 60) the emails of {@code emailsByDonor} it lacks: one read of the donors, and one
     * upsert of those that gain an email (none when every email was known).
     */
    public Uni<Void> addNew(TwentyCaller caller, Map<String, Set<String>> emailsByDonor) {
        if (emailsByDonor.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return twenty.findByIds(caller, FundraisingSchema.PERSON.plural(), List.copyOf(emailsByDonor.keySet())).chain(people -> {
            List<ObjectNode> updates = new ArrayList<>();
            for (JsonNode person : people) {
                Set<String> known = new LinkedHashSet<>(DonorMatchPolicy.emailsOf(person));
                Set<String> added = new LinkedHashSet<>();
                emailsByDonor.getOrDefault(person.path("id").asText(), Set.of()).stream()
                        .map(DonorIdentity::normalEmail).filter(email -> !email.isEmpty() && !known.contains(email))
                        .forEach(added::add);
                if (!added.isEmpty()) {
                    updates.add(withAdditional(person, added));
                }
            }
            return updates.isEmpty() ? Uni.createFrom().voidItem()
                    : twenty.upsertMany(caller, FundraisingSchema.PERSON.plural(), updates).replaceWithVoid();
        });
    }

    /** The person's emails written whole (a composite field is), the primary as it is and the new ones added. */
    private static ObjectNode withAdditional(JsonNode person, Set<String> added) {
        ObjectNode update = JsonNodeFactory.instance.objectNode().put("id", person.path("id").asText());
        ObjectNode emails = update.putObject("emails");
        JsonNode primary = person.path("emails").path("primaryEmail");
        emails.put("primaryEmail", primary.isTextual() ? primary.asText() : "");
        ArrayNode additional = emails.putArray("additionalEmails");
        person.path("emails").path("additionalEmails").forEach(additional::add);
        added.forEach(additional::add);
        return update;
    }
}
