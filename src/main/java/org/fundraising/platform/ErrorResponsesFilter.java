package org.fundraising.platform;

import org.eclipse.microprofile.openapi.OASFactory;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every operation of the fundraising API can answer with the common error body; this writes that into
 * {@code /q/openapi} once, for every route (new ones included), instead of an annotation per method: the
 * {@code ApiError} schema, and the statuses a caller must handle. It runs when the service is built, so the
 * document is complete in the jar and nothing is computed for it at start-up.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ErrorResponsesFilter implements OASFilter {

    private static final String API_PREFIX = "/api/fundraising";
    private static final Map<String, String> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put("400", "Invalid input: details name each field and reason");
        ERRORS.put("401", "No token (Authorization: Bearer …, or ?token=)");
        ERRORS.put("403", "Twenty refused the token");
        ERRORS.put("404", "No such record (or route)");
        ERRORS.put("429", "Too many new tokens to check at once; see Retry-After");
        ERRORS.put("502", "Twenty answered with an error after retries");
        ERRORS.put("503", "Twenty is rate limited, down, or the wait would be too long; see Retry-After");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Schema error = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The one error body of this service")
                .addProperty("statusCode", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("error", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("details", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)))
                .addProperty("requestId", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .required(List.of("statusCode", "error", "message", "requestId"));
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("ApiError", error);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(API_PREFIX + "/")) {
                item.getOperations().values().forEach(ErrorResponsesFilter::addErrors);
            }
        });
    }

    private static void addErrors(Operation operation) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        ERRORS.forEach((status, description) -> {
            // Replaces the bare "400 Bad Request" the scanner adds, which names no body.
            MediaType json = OASFactory.createMediaType().schema(OASFactory.createSchema().ref("ApiError"));
            Content content = OASFactory.createContent().addMediaType("application/json", json);
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description).content(content));
        });
        operation.setResponses(responses);
    }
}
