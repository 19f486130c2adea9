package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.fundraising.twenty.schema.FundraisingSchema;
import org.fundraising.twenty.schema.TwentyObjectSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a recorded answer of Twenty with the emulator's by shape: the same keys, values of the same JSON type.
 * Values themselves differ (ids, timestamps, data), and so may null against a value. Recordings trim long lists to
 * their first elements, marking the cut with a {@code _trimmed} element, which is skipped.
 */
final class Shapes {

    private Shapes() {
    }

    /**
     * The names of the fundraising fields and relations. The recorded workspace gained them during the recording
     * (its relations only after the fix of 02), so a record there may lack one the emulator's workspace already has;
     * any other key must be on both sides.
     */
    static Set<String> fundraisingNames() {
        Set<String> names = new HashSet<>();
        for (TwentyObjectSpec object : FundraisingSchema.OBJECTS) {
            names.addAll(object.writableNames());
            object.relations().forEach(relation -> names.add(relation.name()));
        }
        return names;
    }

    static void compare(String where, JsonNode expected, JsonNode actual, Set<String> mayBeAdded, List<String> differences) {
        if (expected == null || expected.isNull() || actual == null || actual.isNull()) {
            return;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            differences.add(where + ": Twenty answered " + expected.getNodeType() + ", the emulator " + actual.getNodeType()
                    + " (" + abbreviated(actual) + ")");
            return;
        }
        if (expected.isObject()) {
            Set<String> expectedKeys = keys(expected);
            Set<String> actualKeys = keys(actual);
            for (String key : expectedKeys) {
                if (!actualKeys.contains(key)) {
                    differences.add(where + "." + key + ": missing");
                } else {
                    compare(where + "." + key, expected.get(key), actual.get(key), mayBeAdded, differences);
                }
            }
            for (String key : actualKeys) {
                if (!expectedKeys.contains(key) && !mayBeAdded.contains(key)) {
                    differences.add(where + "." + key + ": not in Twenty's answer");
                }
            }
        } else if (expected.isArray()) {
            List<JsonNode> samples = new ArrayList<>();
            expected.forEach(element -> {
                if (!element.has("_trimmed")) {
                    samples.add(element);
                }
            });
            if (samples.isEmpty()) {
                return;
            }
            if (actual.isEmpty()) {
                differences.add(where + ": Twenty's list had elements, the emulator's is empty (nothing to compare)");
                return;
            }
            for (int i = 0; i < actual.size(); i++) {
                compareWithAny(where + "[" + i + "]", samples, actual.get(i), mayBeAdded, differences);
            }
        }
    }

    /** An element fits a list when it has the shape of one of the recorded elements (their keys vary, e.g. settings). */
    private static void compareWithAny(String where, List<JsonNode> samples, JsonNode actual, Set<String> mayBeAdded,
                                       List<String> differences) {
        List<String> best = null;
        for (JsonNode sample : samples) {
            List<String> found = new ArrayList<>();
            compare(where, sample, actual, mayBeAdded, found);
            if (best == null || found.size() < best.size()) {
                best = found;
            }
        }
        differences.addAll(best);
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Messages with what differs between workspaces (ids, a constraint's hash) replaced by placeholders. */
    static List<String> normalised(List<String> messages) {
        return messages.stream()
                .map(message -> message.replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "<id>")
                        .replaceAll("FK_[0-9a-f]+", "FK_<hash>"))
                .toList();
    }

    /** A recorded path as a URI: the characters Twenty's filters use raw, percent-encoded; what was encoded, kept. */
    static String uriSafe(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            switch (c) {
                case '"' -> out.append("%22");
                case '[' -> out.append("%5B");
                case ']' -> out.append("%5D");
                case ' ' -> out.append("%20");
                case '{' -> out.append("%7B");
                case '}' -> out.append("%7D");
                case '|' -> out.append("%7C");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
