package org.fundraising.twenty;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The reasons in a Twenty error answer, most specific first. Records and filters answer
 * {@code {statusCode, error, messages: [...]}}; the metadata API answers a summary {@code message} ("Multiple
 * validation errors occurred while creating field") and keeps the real reasons under
 * {@code errors.<kind>[].errors[].message}, which come first so that a caller sees the cause, not the summary.
 */
final class TwentyErrors {

    private TwentyErrors() {
    }

    static List<String> messages(JsonNode answer) {
        if (answer == null || !answer.isObject()) {
            return List.of();
        }
        Set<String> messages = new LinkedHashSet<>();
        answer.path("messages").forEach(message -> messages.add(message.asText()));
        JsonNode errors = answer.path("errors");
        if (errors.isObject()) {
            errors.forEach(kind -> kind.forEach(entry -> entry.path("errors").forEach(reason -> add(messages, reason))));
        } else {
            errors.forEach(reason -> add(messages, reason));
        }
        if (answer.hasNonNull("message")) {
            messages.add(answer.get("message").asText());
        }
        return new ArrayList<>(messages);
    }

    private static void add(Set<String> messages, JsonNode reason) {
        if (reason.hasNonNull("message")) {
            messages.add(reason.get("message").asText());
        }
    }
}
