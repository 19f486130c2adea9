package org.fundraising.webhook;

import org.fundraising.gift.GiftDraft;

import java.time.Instant;
import java.time.LocalDate;

/** What one provider event asks of the service, read from its body alone (no Twenty call). */
sealed interface Mapped {

    /**
     * A payment to post as a gift, under a staging row whose id is derived from the provider's payment id;
     * {@code subscriptionId} (or {@code mandate}) names what it was collected under when it is an instalment (its
     * agreement gives the donor), and {@code cadence} how often it collects, when the event says (a subscription's checkout, from which an
     * agreement is made if none has the subscription yet).
     */
    record Post(String stagingId, GiftDraft draft, String subscriptionId, String mandate, String cadence) implements Mapped {
    }

    /** Not now: the event waits and is read again later (GoCardless' API out of reach). */
    record Later(String reason) implements Mapped {
    }

    /**
     * A subscription or mandate changed at the provider: the agreement it names (the provider's subscription id in
     * {@code providerAgreementId}, or a mandate in {@code mandateReference}) takes {@code status}, and
     * {@code canceledAt} when it ended.
     */
    record AgreementChange(Agreements.Reference reference, String status, Instant canceledAt, String reason) implements Mapped {

        static AgreementChange ofSubscription(Provider provider, String subscriptionId, String status, Instant canceledAt, String reason) {
            return new AgreementChange(Agreements.Reference.subscription(provider, subscriptionId), status, canceledAt, reason);
        }

        static AgreementChange ofMandate(Provider provider, String mandate, String status, Instant canceledAt, String reason) {
            return new AgreementChange(Agreements.Reference.mandate(provider, mandate), status, canceledAt, reason);
        }
    }

    /** A payment to stage for a person, with the reason in words a gift processor reads. */
    record Review(String stagingId, GiftDraft draft, String reason) implements Mapped {
    }

    /**
     * A payment refunded, in part or whole: {@code refundedMicros} is the provider's running total, so a replayed or
     * late event writes the same figures.
     */
    record Refund(String paymentId, long refundedMicros, LocalDate lastRefund, String note) implements Mapped {
    }

    /** Nothing to write: the event is acknowledged and kept for the record with the reason. */
    record Ignore(String reason) implements Mapped {
    }

    /** The event cannot be read as what its type promises: parked with the reason, for a person to look at. */
    record Unreadable(String reason) implements Mapped {
    }
}
