package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * The metadata API's validation failures as Twenty 2.21 answers them: a summary {@code message}, the reasons nested
 * under {@code errors.<kind>[].errors[]}, a {@code summary} of counts and a {@code userFriendlyMessage}.
 */
final class MetadataErrors {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MetadataErrors() {
    }

    /** A relation field whose {@code relationCreationPayload} lacks a string Twenty requires. */
    static EmulatorError malformedRelation(String missingKey, JsonNode payload) {
        String friendly = "Invalid relation creation payload";
        ObjectNode body = envelope("Multiple validation errors occurred while creating field", friendly);
        ObjectNode failure = body.putObject("errors").putArray("fieldMetadata").addObject();
        failure.putArray("errors").addObject().put("code", "FIELD_METADATA_RELATION_MALFORMED")
                .put("message", "Relation creation payload is invalid: " + missingKey + " must be a string")
                .put("userFriendlyMessage", friendly).set("value", payload.deepCopy());
        failure.put("type", "create").put("metadataName", "fieldMetadata").putObject("flatEntityMinimalInformation").put("id", "");
        body.putObject("summary").put("totalErrors", 1).put("fieldMetadata", 1);
        return EmulatorError.metadata(body);
    }

    /**
     * A field name the object already uses. Twenty also reports the two views it could not add the field to, so
     * the answer counts three errors.
     */
    static EmulatorError nameTaken(String name) {
        String reason = "Name \"" + name + "\" is not available as it is already used by another field";
        ObjectNode body = envelope("Multiple validation errors occurred while creating fields", "Many validation errors");
        ObjectNode errors = body.putObject("errors");
        String fieldId = UUID.randomUUID().toString();
        ObjectNode field = failed(errors.putArray("fieldMetadata"), "fieldMetadata");
        field.withArray("errors").addObject().put("code", "NOT_AVAILABLE").put("value", name).put("message", reason)
                .put("userFriendlyMessage", reason);
        field.putObject("flatEntityMinimalInformation").put("universalIdentifier", fieldId).put("name", name)
                .put("objectMetadataUniversalIdentifier", UUID.randomUUID().toString());
        ArrayNode views = errors.putArray("viewField");
        for (int i = 0; i < 2; i++) {
            ObjectNode view = failed(views, "viewField");
            view.withArray("errors").addObject().put("code", "INVALID_VIEW_DATA").put("message", "Field metadata not found")
                    .put("userFriendlyMessage", "Field metadata not found");
            view.putObject("flatEntityMinimalInformation").put("universalIdentifier", UUID.randomUUID().toString())
                    .put("viewUniversalIdentifier", UUID.randomUUID().toString())
                    .put("fieldMetadataUniversalIdentifier", fieldId);
        }
        body.putObject("summary").put("totalErrors", 3).put("fieldMetadata", 1).put("viewField", 2);
        return EmulatorError.metadata(body);
    }

    private static ObjectNode envelope(String message, String userFriendlyMessage) {
        ObjectNode body = NODES.objectNode().put("statusCode", 400).put("error", "METADATA_VALIDATION_ERROR")
                .put("message", message);
        body.put("userFriendlyMessage", userFriendlyMessage);
        return body;
    }

    private static ObjectNode failed(ArrayNode list, String metadataName) {
        ObjectNode entry = list.addObject().put("status", "fail");
        entry.putArray("errors");
        entry.put("metadataName", metadataName).put("type", "create");
        return entry;
    }
}
