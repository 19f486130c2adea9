package org.fundraising.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JSON log lines the service wrote during the tests (the %test profile logs JSON to this file). */
public final class LogLines {

    public static final Path FILE = Path.of("target/test-logs/service.log");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogLines() {
    }

    public static String raw() throws IOException {
        return Files.exists(FILE) ? Files.readString(FILE) : "";
    }

    public static List<JsonNode> parsed() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : raw().split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** Log lines are written asynchronously by the end handler; wait briefly for one to appear. */
    public static JsonNode await(java.util.function.Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode line : parsed()) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no log line matched within 5 s");
    }
}
