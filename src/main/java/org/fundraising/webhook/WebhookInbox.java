package org.fundraising.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.Vocabulary;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.platform.store.QueueDepth;
import org.fundraising.platform.store.QueueEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The durable inbox of provider events, in the operational store: an event is on disk before the provider hears
 * 2xx, an event id seen before is acknowledged and dropped, and what became of each event is kept (the last
 * {@value #RECENT_MAX} outcomes, and every parked event until it is replayed).
 */
@ApplicationScoped
public class WebhookInbox {

    static final String QUEUE = "webhook-inbox";
    private static final String RECENT = "webhook-events:recent";
    static final int RECENT_MAX = 500;
    /** Providers retry a delivery for up to three days; an id is remembered well past that. */
    private static final Duration SEEN_FOR = Duration.ofDays(30);
    private static final int CAS_TRIES = 8;

    private final OperationalStore store;
    private final ObjectMapper json;

    WebhookInbox(OperationalStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** Stores the event; true when it is new, false when its id was accepted before (the copy is dropped). */
    public Uni<Boolean> accept(InboxEvent event) {
        return store.enqueueOnce(QUEUE, seenKey(event.provider(), event.eventId()), write(event), SEEN_FOR).map(Optional::isPresent);
    }

    Uni<List<QueueEntry>> claim(int max, Duration visibility) {
        return store.claim(QUEUE, max, visibility);
    }

    /**
     * Events done with, or parked, together: their outcomes kept in one write, then each entry removed (or parked
     * with its error). An outcome written before a crash and its entry claimed again is simply written again.
     */
    Uni<Void> settle(List<Settled> settled) {
        if (settled.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return remember(settled.stream().map(Settled::outcome).toList(), CAS_TRIES)
                .chain(() -> Multi.createFrom().iterable(settled)
                        .onItem().transformToUniAndConcatenate(done -> done.outcome().status() == EventOutcome.Status.PARKED
                                ? store.park(QUEUE, done.entry().id(), done.outcome().detail())
                                : store.ack(QUEUE, done.entry().id()))
                        .collect().last().replaceWithVoid());
    }

    Uni<Void> retryLater(QueueEntry entry, Duration delay, String reason) {
        return store.retryLater(QUEUE, entry.id(), delay, reason);
    }

    /** One event's end: the entry and what became of it. */
    record Settled(QueueEntry entry, EventOutcome outcome) {
    }

    /** Makes a parked event due again; false when no event with that entry id is parked. */
    public Uni<Boolean> replay(String entryId) {
        return store.unpark(QUEUE, entryId);
    }

    public Uni<QueueDepth> depth() {
        return store.depth(QUEUE);
    }

    /** Parked events as they wait now, with the error that parked them. */
    public Uni<List<EventOutcome>> parked(int max) {
        return store.parked(QUEUE, max).map(entries -> entries.stream().map(entry -> {
            InboxEvent event = read(entry.payload());
            return new EventOutcome(entry.id(), event.provider(), event.eventId(), event.type(), EventOutcome.Status.PARKED,
                    entry.lastError(), null, null, entry.attempts(), event.receivedAt(), null);
        }).toList());
    }

    /** The latest outcomes, newest first. */
    public Uni<List<EventOutcome>> recent() {
        return store.get(RECENT).map(stored -> stored.map(this::readOutcomes).orElseGet(List::of));
    }

    InboxEvent read(String payload) {
        try {
            return json.readValue(payload, InboxEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an inbox entry is not an event: " + e.getOriginalMessage(), e);
        }
    }

    /** The outcomes at the head of the bounded list; writers on several instances take turns by compare-and-set. */
    private Uni<Void> remember(List<EventOutcome> latest, int triesLeft) {
        return store.get(RECENT).chain(stored -> {
            Set<String> entries = latest.stream().map(EventOutcome::entryId).collect(Collectors.toSet());
            List<EventOutcome> outcomes = new ArrayList<>(latest);
            stored.map(this::readOutcomes).ifPresent(earlier -> outcomes.addAll(earlier.stream()
                    .filter(e -> !entries.contains(e.entryId())).limit(Math.max(0, RECENT_MAX - latest.size())).toList()));
            return store.compareAndSet(RECENT, stored.orElse(null), write(outcomes), null);
        }).chain(written -> written || triesLeft <= 1 ? Uni.createFrom().voidItem() : remember(latest, triesLeft - 1));
    }

    private List<EventOutcome> readOutcomes(String stored) {
        try {
            return json.readValue(stored, new TypeReference<List<EventOutcome>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String seenKey(Provider provider, String eventId) {
        return "webhook-seen:" + provider.wire() + ":" + eventId;
    }

    static EventOutcome outcome(QueueEntry entry, InboxEvent event, EventOutcome.Status status, String detail,
                                String stagingId, String giftId) {
        return new EventOutcome(entry.id(), event.provider(), event.eventId(), event.type(), status, detail, stagingId, giftId,
                entry.attempts(), event.receivedAt(), Instant.now());
    }
}
