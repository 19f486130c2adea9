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
import org.fundraising.platform.LocalCallers;
import org.fundraising.platform.OpenRoute;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.PatternSyntaxException;

/**
 * The emulator over HTTP, at {@code /twenty-emulator}: Twenty's {@code /rest/*} and {@code /healthz}, plus control
 * routes for tests and demos ({@code _stats}, {@code _requests}, {@code _faults}, {@code _throttle},
 * {@code _reset}), which need the emulator's key. All of it answers only callers on this machine unless
 * {@code FUNDRAISING_EMULATOR_REMOTE_ACCESS} is on, and 404 when a real Twenty is configured.
 */
@Path("/twenty-emulator")
@OpenRoute("the emulator checks its own key, as Twenty does, and serves only this machine unless opened")
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
    public Uni<Response> health(@Context HttpServerRequest request) {
        return on(request, () -> Uni.createFrom().item(emulator.toResponse(emulator.health())));
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
    public Uni<Map<String, Object>> stats(@HeaderParam("Authorization") String auth, @Context HttpServerRequest request) {
        return control(auth, request, () -> Uni.createFrom().item(emulator.stats()));
    }

    @GET
    @Path("_requests")
    @Operation(summary = "The last 500 REST requests: method, path and query parameters")
    public Uni<List<Map<String, Object>>> requests(@HeaderParam("Authorization") String auth,
                                                             @Context HttpServerRequest request) {
        return control(auth, request, () -> Uni.createFrom().item(emulator.recentRequests()));
    }

    @DELETE
    @Path("_stats")
    @Operation(summary = "Start counting afresh, keeping the records")
    public Uni<Map<String, Object>> clearStats(@HeaderParam("Authorization") String auth, @Context HttpServerRequest request) {
        return control(auth, request, () -> {
            emulator.clearStats();
            return Uni.createFrom().item(Map.of("ok", true));
        });
    }

    @POST
    @Path("_faults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Inject a fault for matching calls (see EmulatorFault)")
    public Uni<Map<String, Object>> addFault(EmulatorFault fault, @HeaderParam("Authorization") String auth,
                                             @Context HttpServerRequest request) {
        return control(auth, request, () -> {
            try {
                emulator.addFault(fault);
            } catch (EmulatorError | PatternSyntaxException e) {
                throw ApiException.badRequest(e.getMessage(), List.of());
            }
            return Uni.createFrom().item(Map.of("ok", true));
        });
    }

    @DELETE
    @Path("_faults")
    public Uni<Map<String, Object>> clearFaults(@HeaderParam("Authorization") String auth, @Context HttpServerRequest request) {
        return control(auth, request, () -> {
            emulator.clearFaults();
            return Uni.createFrom().item(Map.of("ok", true));
        });
    }

    @POST
    @Path("_throttle")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the throttle: {\"ratePerMinute\": n (0 = off), \"retryAfter\": bool}")
    public Uni<Map<String, Object>> throttle(Map<String, Object> settings, @HeaderParam("Authorization") String auth,
                                             @Context HttpServerRequest request) {
        return control(auth, request, () -> {
            int rate = ((Number) settings.getOrDefault("ratePerMinute", 100)).intValue();
            boolean retryAfter = Boolean.TRUE.equals(settings.get("retryAfter"));
            emulator.setThrottle(rate, retryAfter);
            return Uni.createFrom().item(Map.of("ratePerMinute", rate, "retryAfter", retryAfter));
        });
    }

    @POST
    @Path("_limits")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the most records one call reads or writes until the next reset: {\"queryMaxRecords\": n}")
    public Uni<Map<String, Object>> limits(Map<String, Object> settings, @HeaderParam("Authorization") String auth,
                                           @Context HttpServerRequest request) {
        return control(auth, request, () -> {
            if (!(settings.get("queryMaxRecords") instanceof Integer max) || max < 1 || max > 10_000) {
                throw ApiException.badRequest("queryMaxRecords must be a whole number from 1 to 10000", List.of());
            }
            emulator.setQueryMaxRecords(max);
            return Uni.createFrom().item(Map.of("queryMaxRecords", max));
        });
    }

    @POST
    @Path("_reset")
    public Uni<Map<String, Object>> reset(@HeaderParam("Authorization") String auth, @Context HttpServerRequest request) {
        return control(auth, request, () -> {
            emulator.reset();
            return Uni.createFrom().item(Map.of("ok", true));
        });
    }

    private Uni<Response> rest(String method, String path, UriInfo uri, String body, String auth,
                               HttpServerRequest request) {
        return on(request, () -> {
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

    private <T> Uni<T> on(HttpServerRequest request, Supplier<Uni<T>> action) {
        if (!emulator.enabled()) {
            return Uni.createFrom().failure(ApiException.notFound("The Twenty emulator is off: a Twenty URL is configured"));
        }
        if (!emulator.servesRemoteCallers() && !emulator.isLocal(request)) {
            return Uni.createFrom().failure(new ApiException(403, "The embedded Twenty emulator answers only on this "
                    + "machine (set FUNDRAISING_EMULATOR_REMOTE_ACCESS=true to open it)"));
        }
        return Uni.createFrom().deferred(action::get);
    }

    /** Control routes read, reset and break the emulator's data: the emulator's key is required, as for its REST. */
    private <T> Uni<T> control(String authorization, HttpServerRequest request, Supplier<Uni<T>> action) {
        return on(request, () -> emulator.acceptsKey(authorization) ? action.get()
                : Uni.createFrom().failure(new ApiException(403, "The emulator's control routes need its key: "
                        + "Authorization: Bearer <TWENTY_API_KEY>")));
    }
}
