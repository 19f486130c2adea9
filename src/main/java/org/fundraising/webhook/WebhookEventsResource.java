package org.fundraising.webhook;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.Vocabulary;
import org.fundraising.platform.store.QueueDepth;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What became of provider events, and the replay of a parked one: for the people who look after gifts. */
@Path("/api/fundraising/webhooks/events")
@Tag(name = "webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookEventsResource {

    private static final Set<String> STATUSES = Vocabulary.of(EventOutcome.Status.class);

    /** The events asked for, newest first, and how many wait in the inbox now. */
    public record EventList(List<EventOutcome> events, QueueDepth inbox) {
    }

    /** A replayed event is due again at once. */
    public record Replayed(String id, String status) {
    }

    private final WebhookInbox inbox;

    WebhookEventsResource(WebhookInbox inbox) {
        this.inbox = inbox;
    }

    @GET
    @Operation(summary = "Parked events (each until replayed) and the latest outcomes (the last 500), newest first; "
            + "status=parked|processed|staged_for_review|process_failed|ignored|duplicate narrows them")
    @APIResponse(responseCode = "200", description = "The events and the inbox's depth")
    public Uni<EventList> list(@QueryParam("status") String status) {
        EventOutcome.Status wanted = status(status);
        Uni<List<EventOutcome>> parked = wanted == null || wanted == EventOutcome.Status.PARKED
                ? inbox.parked(WebhookInbox.RECENT_MAX) : Uni.createFrom().item(List.of());
        Uni<List<EventOutcome>> recent = wanted == EventOutcome.Status.PARKED ? Uni.createFrom().item(List.of()) : inbox.recent();
        return Uni.combine().all().unis(parked, recent, inbox.depth()).asTuple().map(found -> {
            List<EventOutcome> events = new ArrayList<>(found.getItem1());
            found.getItem2().stream()
                    .filter(outcome -> wanted == null ? outcome.status() != EventOutcome.Status.PARKED : outcome.status() == wanted)
                    .forEach(events::add);
            return new EventList(events, found.getItem3());
        });
    }

    @POST
    @Path("{id}/replay")
    @ResponseStatus(202)
    @Operation(summary = "Make a parked event due again (its attempts counted afresh); the worker takes it at once")
    @APIResponse(responseCode = "202", description = "Queued again")
    @APIResponse(responseCode = "404", description = "No parked event has that id")
    public Uni<Replayed> replay(@PathParam("id") String id) {
        return inbox.replay(id).map(replayed -> {
            if (!replayed) {
                throw ApiException.notFound("No parked webhook event " + id);
            }
            return new Replayed(id, Vocabulary.wire(EventOutcome.Status.QUEUED));
        });
    }

    private static EventOutcome.Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String wanted = status.trim().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(wanted)) {
            throw ApiException.badRequest("status must be one of " + String.join(", ", STATUSES),
                    List.of(new FieldError("status", "unknown status " + status)));
        }
        return EventOutcome.Status.valueOf(wanted.toUpperCase(Locale.ROOT));
    }
}
