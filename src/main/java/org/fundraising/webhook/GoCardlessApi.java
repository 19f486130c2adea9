package org.fundraising.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The part of GoCardless' API the service reads: a payment or a refund, whose events name them but not their
 * amounts. Base URL
 * {@code GOCARDLESS_API_BASE_URL} (default the live API; {@code https://api-sandbox.gocardless.com} for the sandbox).
 */
@RegisterRestClient(configKey = "gocardless-api")
@Produces(MediaType.APPLICATION_JSON)
public interface GoCardlessApi {

    /** The API version this service reads, sent with every call as GoCardless asks. */
    String VERSION = "2015-07-06";

    @GET
    @Path("payments/{id}")
    Uni<JsonNode> payment(@PathParam("id") String id, @HeaderParam("Authorization") String authorization,
                          @HeaderParam("GoCardless-Version") String version);

    @GET
    @Path("refunds/{id}")
    Uni<JsonNode> refund(@PathParam("id") String id, @HeaderParam("Authorization") String authorization,
                         @HeaderParam("GoCardless-Version") String version);
}
