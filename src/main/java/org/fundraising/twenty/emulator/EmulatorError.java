package org.fundraising.twenty.emulator;

/** An error Twenty would answer, with its status, exception name and message ({statusCode, error, messages}). */
final class EmulatorError extends RuntimeException {

    final int status;
    final String error;

    EmulatorError(int status, String error, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
    }

    static EmulatorError badRequest(String message) {
        return new EmulatorError(400, "BadRequestException", message);
    }

    static EmulatorError notFound() {
        return new EmulatorError(404, "NotFoundException", "Record not found");
    }

    static EmulatorError forbidden() {
        return new EmulatorError(403, "ForbiddenException", "Forbidden resource");
    }
}
