package org.fundraising.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.gift.GiftRecords;
import org.fundraising.gift.GiftRefunds;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyQuery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records the refunds of a group's events on their gifts: the gifts found by provider payment id in one call, the
 * refund fields written in one call. A refund whose gift is not in Twenty yet (its payment's event is still on its
 * way) waits and is tried again.
 */
@ApplicationScoped
public class RefundPosting {

    private final TwentyClient twenty;

    RefundPosting(TwentyClient twenty) {
        this.twenty = twenty;
    }

    /** By payment id: the refund's result, or none when its gift is not there yet. */
    Uni<Map<String, PaymentPosting.Result>> post(TwentyCaller caller, List<Mapped.Refund> refunds) {
        Map<String, PaymentPosting.Result> results = new LinkedHashMap<>();
        if (refunds.isEmpty()) {
            return Uni.createFrom().item(results);
        }
        // Two refunds of one payment in a group (a partial, then the rest): the larger running total is the later.
        Map<String, Mapped.Refund> latest = new LinkedHashMap<>();
        refunds.forEach(refund -> latest.merge(refund.paymentId(), refund,
                (a, b) -> a.refundedMicros() >= b.refundedMicros() ? a : b));
        Set<String> paymentIds = new LinkedHashSet<>(latest.keySet());
        TwentyQuery query = TwentyQuery.all().withFilter(Filters.in("providerPaymentId", paymentIds));
        return twenty.listAll(caller, GiftRecords.OBJECT, query).collect().asList().chain(gifts -> {
            Map<String, JsonNode> byPayment = new LinkedHashMap<>();
            gifts.forEach(gift -> byPayment.putIfAbsent(gift.path("providerPaymentId").asText(), gift));
            List<ObjectNode> patches = new ArrayList<>();
            for (Mapped.Refund refund : latest.values()) {
                JsonNode gift = byPayment.get(refund.paymentId());
                if (gift == null) {
                    continue;
                }
                ObjectNode patch = GiftRefunds.total(gift, refund.refundedMicros(), refund.lastRefund(), refund.note());
                String giftId = gift.path("id").asText();
                if (patch == null) {
                    results.put(refund.paymentId(), new PaymentPosting.Result(EventOutcome.Status.DUPLICATE,
                            "the gift shows this refund already", giftId));
                } else {
                    patches.add(patch.put("id", giftId));
                    results.put(refund.paymentId(), new PaymentPosting.Result(EventOutcome.Status.PROCESSED,
                            "refund recorded: " + patch.path("refundStatus").asText(), giftId));
                }
            }
            return patches.isEmpty() ? Uni.createFrom().item(results)
                    : twenty.upsertMany(caller, GiftRecords.OBJECT, patches).replaceWith(results);
        });
    }
}
