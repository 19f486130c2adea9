package org.fundraising.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries subscription and mandate changes to their agreements: the agreements found in one call per kind of
 * reference, the changes written in one batch call. A change to an agreement not in Twenty yet (its subscription's
 * checkout is still on its way) waits and is tried again.
 */
@ApplicationScoped
public class AgreementChanges {

    private final TwentyClient twenty;
    private final ObjectMapper json;

    AgreementChanges(TwentyClient twenty, ObjectMapper json) {
        this.twenty = twenty;
        this.json = json;
    }

    /** By change: its result, or none when the agreement is not there yet. */
    Uni<Map<Mapped.AgreementChange, PaymentPosting.Result>> apply(TwentyCaller caller, List<Mapped.AgreementChange> changes) {
        Map<Mapped.AgreementChange, PaymentPosting.Result> results = new LinkedHashMap<>();
        if (changes.isEmpty()) {
            return Uni.createFrom().item(results);
        }
        return Agreements.find(twenty, caller, changes.stream().map(Mapped.AgreementChange::reference).toList())
                .chain(found -> {
                    // Several changes of one subscription in a group: the last one told is what holds.
                    Map<String, ObjectNode> patches = new LinkedHashMap<>();
                    for (Mapped.AgreementChange change : changes) {
                        JsonNode agreement = found.get(change.reference());
                        if (agreement == null) {
                            continue;
                        }
                        String id = agreement.path("id").asText();
                        if (change.status().equals(agreement.path("status").asText()) && !patches.containsKey(id)) {
                            results.put(change, new PaymentPosting.Result(EventOutcome.Status.DUPLICATE,
                                    "the agreement is " + change.status() + " already", null));
                            continue;
                        }
                        ObjectNode patch = json.createObjectNode().put("id", id).put("status", change.status())
                                .put("statusUpdatedAt", Instant.now().toString());
                        if (change.canceledAt() != null) {
                            patch.put("canceledAt", change.canceledAt().toString());
                        }
                        patches.put(id, patch);
                        results.put(change, new PaymentPosting.Result(EventOutcome.Status.PROCESSED,
                                "agreement " + id + " is " + change.status() + ": " + change.reason(), null));
                    }
                    return patches.isEmpty() ? Uni.createFrom().item(results)
                            : twenty.upsertMany(caller, Agreements.OBJECT, new ArrayList<>(patches.values())).replaceWith(results);
                });
    }
}
