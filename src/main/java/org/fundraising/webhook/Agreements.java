package org.fundraising.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.fundraising.platform.Ids;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyQuery;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Recurring agreements as provider events find them: by provider and the provider's subscription id. */
final class Agreements {

    static final String OBJECT = FundraisingSchema.RECURRING_AGREEMENT.plural();
    /** Where an agreement keeps the provider's subscription id. */
    static final String SUBSCRIPTION_FIELD = "providerAgreementId";
    /** Where an agreement keeps the direct debit mandate it is collected under. */
    static final String MANDATE_FIELD = "mandateReference";

    private Agreements() {
    }

    /** The Stripe agreements of these subscriptions, by subscription id: one call for a whole group. */
    static Uni<Map<String, JsonNode>> bySubscription(TwentyClient twenty, TwentyCaller caller, List<String> subscriptionIds) {
        return by(twenty, caller, Provider.STRIPE, SUBSCRIPTION_FIELD, subscriptionIds);
    }

    /** The provider's agreements whose {@code field} holds one of {@code references}, by that value: one call. */
    static Uni<Map<String, JsonNode>> by(TwentyClient twenty, TwentyCaller caller, Provider provider, String field,
                                         List<String> references) {
        Set<String> wanted = new LinkedHashSet<>(references);
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        TwentyQuery query = TwentyQuery.all().withFilter(Filters.and(Filters.eq("provider", provider.wire()), Filters.in(field, wanted)));
        return twenty.listAll(caller, OBJECT, query).collect().asList().map(found -> found.stream()
                .collect(Collectors.toMap(agreement -> agreement.path(field).asText(), agreement -> (JsonNode) agreement,
                        (first, second) -> first)));
    }

    /**
     * The agreement a new Stripe subscription makes: active from its first payment's day, for its amount, collected
     * by Stripe under the subscription; its id derived from the subscription, so a repeat finds the first.
     */
    static ObjectNode newAgreement(String subscriptionId, String cadence, String donorId, JsonNode firstPayment) {
        ObjectNode agreement = JsonNodeFactory.instance.objectNode()
                .put("id", Ids.derived("agreement:stripe:" + subscriptionId))
                .put("name", "Stripe " + cadence + " gift (" + subscriptionId + ")")
                .put("donorId", donorId).put("status", "active").put("cadence", cadence).put("intervalCount", 1)
                .put("provider", Provider.STRIPE.wire()).put(SUBSCRIPTION_FIELD, subscriptionId)
                .put("startDate", firstPayment.path("giftDate").asText()).put("autoProcessEnabled", true)
                .put("source", "stripe_checkout");
        agreement.set("amount", firstPayment.path("amount").deepCopy());
        String appealId = firstPayment.path("appealId").asText("");
        if (!appealId.isEmpty()) {
            agreement.put("defaultAppealId", appealId);
        }
        return agreement;
    }

    /** The row becomes the agreement's instalment: its donor, and its appeal and fund where the payment named none. */
    static void link(ObjectNode row, JsonNode agreement) {
        row.put("recurringAgreementId", agreement.path("id").asText());
        row.put("donorId", agreement.path("donorId").asText());
        copyIfAbsent(row, "appealId", agreement.path("defaultAppealId"));
        copyIfAbsent(row, "fundId", agreement.path("defaultFundId"));
    }

    private static void copyIfAbsent(ObjectNode row, String field, JsonNode value) {
        if (!row.hasNonNull(field) && value.isTextual() && !value.asText().isBlank()) {
            row.put(field, value.asText());
        }
    }
}
