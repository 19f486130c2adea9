package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error Twenty would answer: records and filters answer {statusCode, error, messages}; the metadata API answers
 * its own shape ({@link #body}), with the reason nested under {@code errors}.
 */
final class EmulatorError extends RuntimeException {

    final int status;
    final String error;
    /** The whole answer, when it is not the usual {statusCode, error, messages}. */
    final ObjectNode body;

    EmulatorError(int status, String error, String message) {
        this(status, error, message, null);
    }

    private EmulatorError(int status, String error, String message, ObjectNode body) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.body = body;
    }

    static EmulatorError badRequest(String message) {
        return new EmulatorError(400, "BadRequestException", message);
    }

    static EmulatorError notFound() {
        return new EmulatorError(404, "NotFoundException", "Record not found");
    }

    /** Twenty 2.21's answer to a missing or unknown API key. */
    static EmulatorError unauthenticated() {
        return new EmulatorError(401, "UNAUTHENTICATED", "Token invalid.");
    }

    /** A metadata validation failure, with Twenty's whole answer as its body. */
    static EmulatorError metadata(ObjectNode body) {
        return new EmulatorError(400, "METADATA_VALIDATION_ERROR", body.path("message").asText(), body);
    }
}
