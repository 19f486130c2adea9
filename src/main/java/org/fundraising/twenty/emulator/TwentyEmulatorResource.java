package org.fundraising.twenty.emulator;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.platform.ApiException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The emulator over HTTP, at {@code /twenty-emulator}: Twenty's {@code /rest/*} and {@code /healthz}, plus control
 * routes for tests and demos ({@code _stats}, {@code _faults}, {@code _throttle}, {@code _reset}). All of it
 * answers 404 when a real Twenty is configured.
 */
@Path("/twenty-emulator")
@Tag(name = "twenty-emulator")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class TwentyEmulatorResource {

    /** A client that gets no answer gives up long before this; the bound keeps a hung request from living on. */
    private static final Duration HANG = Duration.ofMinutes(2);

    private final TwentyEmulator emulator;

    TwentyEmulatorResource(TwentyEmulator emulator) {
        this.emulator = emulator;
    }

    @GET
    @Path("healthz")
    public Uni<Response> health() {
        return on(() -> Uni.createFrom().item(emulator.toResponse(emulator.health())));
    }

    @GET
    @Path("rest/{path: .+}")
    public Uni<Response> get(@PathParam("path") String path, @Context UriInfo uri,
                             @HeaderParam("Authorization") String auth, @Context HttpServerRequest request) {
        return rest("GET", path, uri, null, auth, request);
    }

    @POST
    @Path("rest/{path: .+}")
    public Uni<Response> post(@PathParam("path") String path, @Context UriInfo uri, String body,
                              @HeaderParam("Authorization") String auth, @Context HttpServerRequest request) {
        return rest("POST", path, uri, body, auth, request);
    }

    @PATCH
    @Path("rest/{path: .+}")
    public Uni<Response> patch(@PathParam("path") String path, @Context UriInfo uri, String body,
                               @HeaderParam("Authorization") String auth, @Context HttpServerRequest request) {
        return rest("PATCH", path, uri, body, auth, request);
    }

    @PUT
    @Path("rest/{path: .+}")
    public Uni<Response> put(@PathParam("path") String path, @Context UriInfo uri, String body,
                             @HeaderParam("Authorization") String auth, @Context HttpServerRequest request) {
        return rest("PUT", path, uri, body, auth, request);
    }

    @DELETE
    @Path("rest/{path: .+}")
    public Uni<Response> delete(@PathParam("path") String path, @Context UriInfo uri,
                                @HeaderParam("Authorization") String auth, @Context HttpServerRequest request) {
        return rest("DELETE", path, uri, null, auth, request);
    }

    @GET
    @Path("_stats")
    @Operation(summary = "Calls per route, 429s sent, the busiest minute and record counts")
    public Uni<Map<String, Object>> stats() {
        return on(() -> Uni.createFrom().item(emulator.stats()));
    }

    @GET
    @Path("_requests")
    @Operation(summary = "The last 500 REST requests: method, path and query parameters")
    public Uni<java.util.List<Map<String, Object>>> requests() {
        return on(() -> Uni.createFrom().item(emulator.recentRequests()));
    }

    @DELETE
    @Path("_stats")
    @Operation(summary = "Start counting afresh, keeping the records")
    public Uni<Map<String, Object>> clearStats() {
        return on(() -> {
            emulator.clearStats();
            return Uni.createFrom().item(Map.of("ok", true));
        });
    }

    @POST
    @Path("_faults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Inject a fault for matching calls (see EmulatorFault)")
    public Uni<Map<String, Object>> addFault(EmulatorFault fault) {
        return on(() -> {
            try {
                emulator.addFault(fault);
            } catch (EmulatorError | java.util.regex.PatternSyntaxException e) {
                throw ApiException.badRequest(e.getMessage(), java.util.List.of());
            }
            return Uni.createFrom().item(Map.of("ok", true));
        });
    }

    @DELETE
    @Path("_faults")
    public Uni<Map<String, Object>> clearFaults() {
        return on(() -> {
            emulator.clearFaults();
            return Uni.createFrom().item(Map.of("ok", true));
        });
    }

    @POST
    @Path("_throttle")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the throttle: {\"ratePerMinute\": n (0 = off), \"retryAfter\": bool}")
    public Uni<Map<String, Object>> throttle(Map<String, Object> settings) {
        return on(() -> {
            int rate = ((Number) settings.getOrDefault("ratePerMinute", 100)).intValue();
            boolean retryAfter = Boolean.TRUE.equals(settings.get("retryAfter"));
            emulator.setThrottle(rate, retryAfter);
            return Uni.createFrom().item(Map.of("ratePerMinute", rate, "retryAfter", retryAfter));
        });
    }

    @POST
    @Path("_reset")
    public Uni<Map<String, Object>> reset() {
        return on(() -> {
            emulator.reset();
            return Uni.createFrom().item(Map.of("ok", true));
        });
    }

    private Uni<Response> rest(String method, String path, UriInfo uri, String body, String auth,
                               HttpServerRequest request) {
        return on(() -> {
            Map<String, String> query = new LinkedHashMap<>();
            uri.getQueryParameters().forEach((key, values) -> query.put(key, values.get(0)));
            return emulator.handle(method, path, query, body, auth).onItem().transformToUni(reply -> {
                if (reply.reset()) {
                    request.connection().close();
                    return Uni.createFrom().nothing();
                }
                if (reply.hang()) {
                    return Uni.createFrom().item(Response.status(504).build()).onItem().delayIt().by(HANG);
                }
                return Uni.createFrom().item(emulator.toResponse(reply));
            });
        });
    }

    private <T> Uni<T> on(java.util.function.Supplier<Uni<T>> action) {
        if (!emulator.enabled()) {
            return Uni.createFrom().failure(ApiException.notFound("The Twenty emulator is off: a Twenty URL is configured"));
        }
        return Uni.createFrom().deferred(action::get);
    }
}
