package org.fundraising.gift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.RecordText;
import org.fundraising.platform.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Receipt metadata, applied at intake and again when the gift is posted; nothing is sent.
 * The threshold is in minor units of the gift's own currency (JPY has none, BHD three), not always hundredths.
 */
@ApplicationScoped
public class ReceiptPolicy {

    public static final List<String> FIELDS = List.of("receiptStatus", "receiptPolicyApplied", "receiptChannel",
            "receiptDedupeKey", "receiptSentAt", "receiptError", "receiptTemplateVersion");

    private final FundraisingConfig.Receipt config;

    ReceiptPolicy(FundraisingConfig config) {
        this.config = config.receipt();
    }

    /**
     * The receipt fields of a gift with these {@code columns}; values already decided ({@code existing}, e.g. from
     * the audit copy at processing) are kept unless the threshold suppresses the receipt.
     */
    public ObjectNode apply(JsonNode columns, JsonNode existing) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        FIELDS.forEach(field -> {
            if (existing != null && existing.hasNonNull(field)) {
                out.set(field, existing.get(field));
            }
        });
        boolean recurring = columns.hasNonNull("recurringAgreementId");
        if (!out.hasNonNull("receiptPolicyApplied")) {
            out.put("receiptPolicyApplied", recurring ? config.policyRecurring() : config.policyOneOff());
        }
        long minor = minorUnits(columns.path("amount"));
        OptionalLong threshold = config.autoSendThresholdMinor();
        boolean suppressed = threshold.isPresent() && minor > threshold.getAsLong();
        if (suppressed) {
            out.put("receiptStatus", "suppressed");
            out.putNull("receiptSentAt");
            out.putNull("receiptError");
        } else if (!out.hasNonNull("receiptStatus")) {
            out.put("receiptStatus", "pending");
        }
        if (!out.hasNonNull("receiptChannel")) {
            out.put("receiptChannel", "email");
        }
        if (!out.hasNonNull("receiptDedupeKey")) {
            for (String key : List.of("providerPaymentId", "sourceFingerprint", "externalId")) {
                if (RecordText.has(columns, key)) {
                    out.put("receiptDedupeKey", columns.get(key).asText());
                    break;
                }
            }
        }
        if (LogEvent.debugEnabled(ReceiptPolicy.class)) {
            LogEvent.of(ReceiptPolicy.class, "receipt_policy_evaluated").with("policy", out.path("receiptPolicyApplied").asText())
                    .with("status", out.path("receiptStatus").asText()).with("amountMinor", minor).debug("receipt policy applied");
        }
        return out;
    }

    /** What a reviewer is warned of about the receipt of a staged gift. */
    public static List<String> warnings(JsonNode receipt, JsonNode row) {
        List<String> warnings = new ArrayList<>();
        String status = receipt.path("receiptStatus").asText("").trim();
        boolean suppressed = "suppressed".equals(status);
        if ("email".equals(receipt.path("receiptChannel").asText("email").trim()) && !suppressed && blank(row.path("donorEmail"))) {
            warnings.add("Missing email for receipt");
        }
        if (blank(row.path("donorFirstName")) || blank(row.path("donorLastName"))) {
            warnings.add("Missing donor name");
        }
        if (suppressed) {
            warnings.add("Receipt suppressed");
        }
        if ("failed".equals(status)) {
            warnings.add("Receipt failed");
        }
        return warnings;
    }

    static long minorUnits(JsonNode amount) {
        Long micros = Money.storedMicros(amount);
        int digits = Money.fractionDigits(amount.path("currencyCode").asText(""));
        return BigDecimal.valueOf(micros == null ? 0 : micros).movePointLeft(6 - digits).setScale(0, RoundingMode.HALF_UP).longValue();
    }

    private static boolean blank(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank();
    }
}
