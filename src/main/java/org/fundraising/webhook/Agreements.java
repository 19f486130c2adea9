package org.fundraising.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.fundraising.platform.Ids;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyQuery;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /** Where an agreement is looked for: the provider, the field holding its reference, and the reference. */
    record Reference(Provider provider, String field, String value) {

        static Reference subscription(Provider provider, String subscriptionId) {
            return subscriptionId == null ? null : new Reference(provider, SUBSCRIPTION_FIELD, subscriptionId);
        }

        static Reference mandate(Provider provider, String mandate) {
            return mandate == null ? null : new Reference(provider, MANDATE_FIELD, mandate);
        }
    }

    /**
     * The agreements these references name, by reference: one call per kind of reference (a provider's
     * subscriptions, its mandates), so one or two calls for a whole group.
     */
    static Uni<Map<Reference, JsonNode>> find(TwentyClient twenty, TwentyCaller caller, List<Reference> references) {
        Map<String, Set<Reference>> byKind = new LinkedHashMap<>();
        references.stream().filter(Objects::nonNull)
                .forEach(reference -> byKind.computeIfAbsent(reference.provider().wire() + " " + reference.field(),
                        kind -> new LinkedHashSet<>()).add(reference));
        return Multi.createFrom().iterable(byKind.values())
                .onItem().transformToUniAndConcatenate(kind -> {
                    Reference first = kind.iterator().next();
                    Set<String> values = kind.stream().map(Reference::value).collect(Collectors.toCollection(LinkedHashSet::new));
                    TwentyQuery query = TwentyQuery.all().withFilter(Filters.and(Filters.eq("provider", first.provider().wire()),
                            Filters.in(first.field(), values)));
                    return twenty.listAll(caller, OBJECT, query).collect().asList().map(found -> {
                        Map<Reference, JsonNode> named = new HashMap<>();
                        found.forEach(agreement -> named.putIfAbsent(
                                new Reference(first.provider(), first.field(), agreement.path(first.field()).asText()), agreement));
                        return named;
                    });
                })
                .collect().in(HashMap<Reference, JsonNode>::new, Map::putAll);
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
