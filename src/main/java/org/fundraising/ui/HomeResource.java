package org.fundraising.ui;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.fundraising.platform.OpenRoute;

import java.net.URI;
import java.util.List;

/**
 * {@code GET /}: a person in a browser is sent to the admin screens; a program gets where things are (the API's
 * description, the health routes) instead of a bare 404.
 */
@Path("/")
@OpenRoute("the front door: it only says where things are")
public class HomeResource {

    /** Where a program looks first; the probes and metrics answer on the management port, not this one. */
    public record Home(String service, String screens, String api, String openapi, List<String> health,
                       int managementPort, List<String> management) {
    }

    @ConfigProperty(name = "quarkus.management.port")
    int managementPort;

    @GET
    @Operation(summary = "Where things are: a browser is sent to /fundraising/, a program gets the links")
    @APIResponse(responseCode = "200", description = "The links, for a program",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Home.class)))
    @APIResponse(responseCode = "302", description = "A browser (Accept: text/html) is sent to the screens")
    public Response home(@HeaderParam("Accept") String accept) {
        if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
            return Response.status(302).location(URI.create("/fundraising/")).build();
        }
        return Response.ok(new Home("fundraising-service", "/fundraising/", "/api/fundraising", "/q/openapi",
                List.of("/health"), managementPort, List.of("/q/health/live", "/q/health/ready", "/q/metrics")),
                MediaType.APPLICATION_JSON).build();
    }
}
