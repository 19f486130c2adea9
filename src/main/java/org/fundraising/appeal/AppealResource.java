package org.fundraising.appeal;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.Ids;
import org.fundraising.platform.InputSchema;
import org.fundraising.platform.InputSchema.Kind;
import org.fundraising.platform.Numbers;
import org.fundraising.twenty.Envelopes;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.NativeListParams;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyObject;
import org.fundraising.twenty.TwentyQuery;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.fundraising.twenty.schema.FundraisingSchema;

/** Appeals and their solicitation snapshots. */
@Path("/api/fundraising/appeals")
@Tag(name = "appeals")
@Produces(MediaType.APPLICATION_JSON)
public class AppealResource {

    static final String OBJECT = FundraisingSchema.APPEAL.plural();
    static final String SNAPSHOTS = FundraisingSchema.SOLICITATION_SNAPSHOT.plural();
    /** Money in any form the original accepted (a blank string clears it, as null does); counts truncated. */
    public static final InputSchema<AppealInput> SCHEMA = InputSchema.of("Appeal", AppealInput.class)
            .custom("goalAmount", Kind.MONEY, value -> blank(value) ? NullNode.getInstance() : AppealMoney.read(value))
            .custom("budgetAmount", Kind.MONEY, value -> blank(value) ? NullNode.getInstance() : AppealMoney.read(value))
            .custom("targetSolicitedCount", Kind.COUNT, value -> blank(value) ? NullNode.getInstance()
                    : JsonNodeFactory.instance.numberNode(count(value, true)));
    private static final List<String> COUNT_KEYS = List.of("countSolicited", "count", "total", "recipients");

    private final TwentyClient twenty;
    private final TwentyObject appeals;
    private final TwentyCallers callers;
    private final ZoneId zone;

    AppealResource(TwentyClient twenty, TwentyCallers callers, FundraisingConfig config) {
        this.twenty = twenty;
        this.appeals = new TwentyObject(twenty, OBJECT, "appeal", "Appeal");
        this.callers = callers;
        this.zone = config.timezone();
    }

    @GET
    @Operation(summary = "List appeals, newest first unless sort=name|startDate|createdAt|updatedAt[:asc|desc]; native search on name")
    public Uni<Envelopes.Page> list(@BeanParam AppealListParams params, @BeanParam NativeListParams twentyParams) {
        return appeals.list(callers.interactive("appeal.list"), twentyParams.applyTo(params.query()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(ref = "AppealInput")))
    public Uni<Envelopes.Data> create(JsonNode body) {
        return appeals.create(callers.interactive("appeal.create"), SCHEMA.create(body).sent());
    }

    @GET
    @Path("{id}")
    public Uni<Envelopes.Data> get(@PathParam("id") String id) {
        return appeals.get(callers.interactive("appeal.get"), id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(ref = "AppealInput")))
    public Uni<Envelopes.Data> update(@PathParam("id") String id, JsonNode body) {
        Ids.requireUuid("id", id);
        return appeals.update(callers.interactive("appeal.update"), id, SCHEMA.update(body).sent());
    }

    @GET
    @Path("{id}/solicitation-snapshots")
    @Operation(summary = "Every snapshot of the appeal (native appealId filter, all pages)")
    public Uni<Envelopes.Data> snapshots(@PathParam("id") String id, @BeanParam NativeListParams twentyParams) {
        TwentyQuery query = twentyParams.applyTo(TwentyQuery.all().withFilter(Filters.eq("appealId", Ids.requireUuid("id", id)))
                .withOrderBy("capturedAt[DescNullsLast]"));
        return twenty.listAll(callers.interactive("appeal.snapshots"), SNAPSHOTS, query).collect().asList()
                .map(all -> Envelopes.data(SNAPSHOTS, all));
    }

    @POST
    @Path("{id}/solicitation-snapshots")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Envelopes.Data> addSnapshot(@PathParam("id") String id, JsonNode body) {
        ObjectNode snapshot = snapshot(Ids.requireUuid("id", id), body, zone);
        TwentyCaller caller = callers.interactive("appeal.snapshot.create");
        // The appeal is looked up first so that a wrong id is a 404, not Twenty's foreign-key message.
        return twenty.findById(caller, OBJECT, id, 0)
                .invoke(found -> found.orElseThrow(() -> appeals.missing(id)))
                .chain(found -> twenty.create(caller, SNAPSHOTS, snapshot))
                .map(created -> Envelopes.data("createSolicitationSnapshot", created.record()));
    }

    static ObjectNode snapshot(String appealId, JsonNode body, ZoneId zone) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("Solicitation snapshot payload must be an object.", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("appealId", appealId);
        JsonNode count = COUNT_KEYS.stream().filter(body::hasNonNull).findFirst().map(body::get).orElse(null);
        try {
            if (count == null) {
                throw new IllegalArgumentException("is required (also accepted as count, total or recipients)");
            }
            out.put("countSolicited", count(count, false));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("countSolicited", e.getMessage()));
        }
        body.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            boolean empty = value.isNull() || (value.isTextual() && value.asText().isBlank());
            if (COUNT_KEYS.contains(key) || empty) {
                return;
            }
            if ("source".equals(key) || "notes".equals(key)) {
                if (!value.isTextual()) {
                    errors.add(new FieldError(key, "must be a string"));
                } else {
                    out.put(key, value.asText().trim());
                }
            } else if ("capturedAt".equals(key)) {
                try {
                    out.put(key, capturedAt(value.asText().trim(), zone).toString());
                } catch (Exception e) {
                    errors.add(new FieldError(key, "must be a date-time such as 2026-03-15T10:30 or 2026-03-15T10:30:00Z"));
                }
            } else if ("appealSegmentId".equals(key)) {
                errors.add(new FieldError(key, "is not stored: appeal segments are not part of the data model yet"));
            } else {
                errors.add(new FieldError(key, "is not a field of a solicitation snapshot"));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (!out.has("capturedAt")) {
            out.put("capturedAt", Instant.now().toString());
        }
        return out;
    }

    /**
     * An ISO-8601 instant or offset date-time, or a date-time without offset (what an HTML {@code datetime-local}
     * input sends, e.g. {@code 2026-03-15T10:30}), read as a local time where the charity is.
     */
    static Instant capturedAt(String text, ZoneId zone) {
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException noOffset) {
            at = LocalDateTime.parse(text).atZone(zone).toInstant();
        }
        InputSchema.inRange(at.atZone(zone).toLocalDate());
        return at;
    }

    private static boolean blank(JsonNode value) {
        return value.isTextual() && value.asText().isBlank();
    }

    /** A count as a number or numeric string, truncated to a whole number as the original did, and bounded. */
    private static long count(JsonNode value, boolean zeroAllowed) {
        return Numbers.count(value, zeroAllowed ? 0 : 1, InputSchema.MAX_COUNT, true);
    }
}
