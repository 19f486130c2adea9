package org.fundraising.webhook;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.Periodic;
import org.fundraising.platform.store.QueueEntry;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drains the webhook inbox on every instance that serves the API: events waiting together are read, matched and
 * posted together on the gate's intake lane (at most one Twenty batch, 60 events, at a time). A group that fails
 * (Twenty unavailable, the circuit open) is tried again later with a doubling delay; an event that keeps failing,
 * or cannot be read, is parked with its error for a person to replay.
 */
@ApplicationScoped
public class WebhookWorker {

    private static final Duration LONGEST_RETRY = Duration.ofMinutes(5);
    /** GoCardless payments of a group read from its API at once, at most this many together. */
    private static final int PROVIDER_READS = 8;

    private final WebhookInbox inbox;
    private final StripeEvents stripe;
    private final GoCardlessEvents goCardless;
    private final PaymentPosting payments;
    private final RefundPosting refunds;
    private final AgreementChanges changes;
    private final WebhookSettings settings;
    private final boolean servesApi;
    private final Periodic.Rounds rounds = new Periodic.Rounds();

    WebhookWorker(WebhookInbox inbox, StripeEvents stripe, GoCardlessEvents goCardless, PaymentPosting payments,
                  RefundPosting refunds, AgreementChanges changes, WebhookSettings settings, FundraisingConfig config) {
        this.goCardless = goCardless;
        this.changes = changes;
        this.refunds = refunds;
        this.inbox = inbox;
        this.stripe = stripe;
        this.payments = payments;
        this.settings = settings;
        this.servesApi = !config.emulatorOnly();
    }

    void whenServing(@ObservesAsync HttpServerStart serving) {
        if (!servesApi) {
            return;
        }
        rounds.start(settings.poll(), this::drain, WebhookWorker.class, "webhook_inbox_drain_failed",
                "could not drain the webhook inbox; trying again");
    }

    void atShutdown(@Observes ShutdownEvent shutdown) {
        rounds.stop();
    }

    /** Handles groups until the inbox has nothing due. */
    Uni<Void> drain() {
        return nextGroup(List.of()).chain(group -> group.isEmpty() ? Uni.createFrom().voidItem() : handle(group).chain(this::drain));
    }

    /** Up to one Twenty batch of due events; while a claim finds more, waits a moment for the rest of the burst. */
    private Uni<List<QueueEntry>> nextGroup(List<QueueEntry> gathered) {
        int room = TwentyClient.BATCH_LIMIT - gathered.size();
        return inbox.claim(room, settings.claim()).chain(claimed -> {
            List<QueueEntry> group = new ArrayList<>(gathered);
            group.addAll(claimed);
            if (claimed.isEmpty() || group.size() >= TwentyClient.BATCH_LIMIT) {
                return Uni.createFrom().item(group);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(settings.gather()).chain(() -> nextGroup(group));
        });
    }

    private Uni<Void> handle(List<QueueEntry> group) {
        List<WebhookInbox.Settled> settled = new ArrayList<>();
        List<Uni<Read>> reads = new ArrayList<>();
        for (QueueEntry entry : group) {
            try {
                InboxEvent event = inbox.read(entry.payload());
                reads.add(mapped(event).map(mapped -> new Read(entry, event, mapped)));
            } catch (IllegalStateException unreadable) {
                settled.add(new WebhookInbox.Settled(entry, new EventOutcome(entry.id(), null, null, null,
                        EventOutcome.Status.PARKED, unreadable.getMessage(), null, null, entry.attempts(), null, null)));
            }
        }
        Uni<List<Read>> read = reads.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(reads).usingConcurrencyOf(PROVIDER_READS).andFailFast();
        return read.chain(events -> handle(group.size(), events, settled));
    }

    /** What an event asks: Stripe's events say it all; a GoCardless payment is read from GoCardless first. */
    private Uni<Mapped> mapped(InboxEvent event) {
        return event.provider() == Provider.STRIPE ? Uni.createFrom().item(stripe.read(event)) : goCardless.read(event);
    }

    private Uni<Void> handle(int groupSize, List<Read> events, List<WebhookInbox.Settled> settled) {
        Map<String, Claimed> posting = new LinkedHashMap<>();
        List<ClaimedRefund> refunding = new ArrayList<>();
        List<ClaimedChange> changing = new ArrayList<>();
        List<Read> later = new ArrayList<>();
        for (Read read : events) {
            QueueEntry entry = read.entry();
            InboxEvent event = read.event();
            Mapped mapped = read.mapped();
            if (mapped instanceof Mapped.Ignore ignore) {
                settled.add(settle(entry, event, EventOutcome.Status.IGNORED, ignore.reason(), null, null));
            } else if (mapped instanceof Mapped.Unreadable unreadable) {
                settled.add(settle(entry, event, EventOutcome.Status.PARKED, unreadable.reason(), null, null));
            } else if (mapped instanceof Mapped.Later) {
                later.add(read);
            } else if (mapped instanceof Mapped.Post post) {
                claim(posting, settled, new Claimed(entry, event, new PaymentPosting.Payment(post.stagingId(), post.draft(),
                        event.provider(), post.subscriptionId(), post.mandate(), post.cadence(), null)));
            } else if (mapped instanceof Mapped.Refund refund) {
                refunding.add(new ClaimedRefund(entry, event, refund));
            } else if (mapped instanceof Mapped.Review review) {
                claim(posting, settled, new Claimed(entry, event,
                        new PaymentPosting.Payment(review.stagingId(), review.draft(), event.provider(), null, null, null, review.reason())));
            } else if (mapped instanceof Mapped.AgreementChange change) {
                changing.add(new ClaimedChange(entry, event, change));
            }
        }
        TwentyCaller caller = TwentyCaller.system(Lane.INTAKE, "webhook.inbox");
        // Payments before refunds: a refund of a payment in the same group finds its gift.
        return payments.post(caller, posting.values().stream().map(Claimed::payment).toList())
                .chain(results -> refunds.post(caller, refunding.stream().map(ClaimedRefund::refund).toList())
                        .chain(refunded -> changes.apply(caller, changing.stream().map(ClaimedChange::change).toList())
                                .chain(changed -> settleOrRetry(posting, refunding, changing, results, refunded, changed, settled))))
                .onFailure().recoverWithUni(failure -> {
                    List<Retried> all = new ArrayList<>();
                    posting.values().forEach(claimed -> all.add(new Retried(claimed.entry(), claimed.event(), claimed.payment().stagingId())));
                    refunding.forEach(claimed -> all.add(new Retried(claimed.entry(), claimed.event(), null)));
                    changing.forEach(claimed -> all.add(new Retried(claimed.entry(), claimed.event(), null)));
                    LogEvent.of(WebhookWorker.class, "webhook_group_failed").with("requestId", caller.requestId())
                            .with("events", all.size()).with("reason", failure.getMessage()).warn("webhook events will be tried again");
                    return retry(all, failure.getMessage()).replaceWith(settled);
                })
                .call(() -> Multi.createFrom().iterable(later).onItem().transformToUniAndConcatenate(read ->
                        retry(List.of(new Retried(read.entry(), read.event(), null)), ((Mapped.Later) read.mapped()).reason()))
                        .collect().last())
                .invoke(done -> LogEvent.of(WebhookWorker.class, "webhook_group_handled").with("requestId", caller.requestId())
                        .with("events", groupSize).with("settled", done.size()).info("webhook events handled"))
                .chain(inbox::settle);
    }

    /** Two events of one payment in a group (completed, then confirmed): the first is posted, the other is its duplicate. */
    private static void claim(Map<String, Claimed> posting, List<WebhookInbox.Settled> settled, Claimed claimed) {
        Claimed first = posting.get(claimed.payment().stagingId());
        if (first == null) {
            posting.put(claimed.payment().stagingId(), claimed);
            return;
        }
        if (first.payment().reviewReason() != null && claimed.payment().reviewReason() == null) {
            posting.put(claimed.payment().stagingId(), claimed);
            claimed = first;
        }
        settled.add(settle(claimed.entry(), claimed.event(), EventOutcome.Status.DUPLICATE,
                "the same payment as event " + posting.get(claimed.payment().stagingId()).event().eventId(),
                claimed.payment().stagingId(), null));
    }

    /** Each event's outcome settled; a refund whose gift is not there yet waits for it. */
    private Uni<List<WebhookInbox.Settled>> settleOrRetry(Map<String, Claimed> posting, List<ClaimedRefund> refunding,
                                                         List<ClaimedChange> changing,
                                                         Map<String, PaymentPosting.Result> results,
                                                         Map<String, PaymentPosting.Result> refunded,
                                                         Map<Mapped.AgreementChange, PaymentPosting.Result> changed,
                                                         List<WebhookInbox.Settled> settled) {
        posting.values().forEach(claimed -> {
            PaymentPosting.Result result = results.get(claimed.payment().stagingId());
            settled.add(settle(claimed.entry(), claimed.event(), result.status(), result.detail(),
                    claimed.payment().stagingId(), result.giftId()));
        });
        List<Retried> waiting = new ArrayList<>();
        refunding.forEach(claimed -> {
            PaymentPosting.Result result = refunded.get(claimed.refund().paymentId());
            if (result == null) {
                waiting.add(new Retried(claimed.entry(), claimed.event(), null));
            } else {
                settled.add(settle(claimed.entry(), claimed.event(), result.status(), result.detail(), null, result.giftId()));
            }
        });
        List<Retried> noAgreement = new ArrayList<>();
        changing.forEach(claimed -> {
            PaymentPosting.Result result = changed.get(claimed.change());
            if (result == null) {
                noAgreement.add(new Retried(claimed.entry(), claimed.event(), null));
            } else {
                settled.add(settle(claimed.entry(), claimed.event(), result.status(), result.detail(), null, null));
            }
        });
        return retry(waiting, "no gift of this payment in Twenty yet")
                .chain(() -> retry(noAgreement, "no recurring agreement of this subscription in Twenty yet"))
                .replaceWith(settled);
    }

    /** The events wait and are tried again; those tried too often are parked with the error. */
    private Uni<Void> retry(List<Retried> events, String reason) {
        return Multi.createFrom().iterable(events).onItem().transformToUniAndConcatenate(one -> {
            QueueEntry entry = one.entry();
            if (entry.attempts() + 1 >= settings.maxAttempts()) {
                return inbox.settle(List.of(settle(entry, one.event(), EventOutcome.Status.PARKED,
                        "failed " + (entry.attempts() + 1) + " times: " + reason, one.stagingId(), null)));
            }
            return inbox.retryLater(entry, backoff(entry.attempts()), reason);
        }).collect().last().replaceWithVoid();
    }

    private Duration backoff(int attempts) {
        long millis = settings.retryBase().toMillis() << Math.min(attempts, 16);
        return Duration.ofMillis(Math.min(millis, LONGEST_RETRY.toMillis()));
    }

    private static WebhookInbox.Settled settle(QueueEntry entry, InboxEvent event, EventOutcome.Status status, String detail,
                                               String stagingId, String giftId) {
        return new WebhookInbox.Settled(entry, WebhookInbox.outcome(entry, event, status, detail, stagingId, giftId));
    }

    private record Read(QueueEntry entry, InboxEvent event, Mapped mapped) {
    }

    private record Claimed(QueueEntry entry, InboxEvent event, PaymentPosting.Payment payment) {
    }

    private record ClaimedRefund(QueueEntry entry, InboxEvent event, Mapped.Refund refund) {
    }

    private record ClaimedChange(QueueEntry entry, InboxEvent event, Mapped.AgreementChange change) {
    }

    private record Retried(QueueEntry entry, InboxEvent event, String stagingId) {
    }
}
