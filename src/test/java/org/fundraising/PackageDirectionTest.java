package org.fundraising;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flows read one way: no two feature packages (the first package below {@code org.fundraising}) import each
 * other, directly or round a longer loop. A gift goes intake → staging → posting → Twenty, the donor matcher
 * beside; a new import that closes a loop fails here.
 */
class PackageDirectionTest {

    private static final Path SOURCES = Path.of("src/main/java/org/fundraising");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?org\\.fundraising\\.(\\w+)[.;]", Pattern.MULTILINE);

    @Test
    void noFeaturePackagesImportEachOther() throws IOException {
        Map<String, Set<String>> imports = importsBetweenPackages();
        assertTrue(imports.size() >= 8, "read only " + imports.keySet());
        assertEquals(List.of(), cycles(imports), "feature packages that import each other: " + imports);
    }

    @Test
    void theCheckFindsALoop() {
        Map<String, Set<String>> looped = new TreeMap<>(Map.of("gift", Set.of("staging", "platform"),
                "staging", Set.of("posting"), "posting", Set.of("gift"), "platform", Set.of()));
        assertEquals(List.of(List.of("gift", "posting", "staging")), cycles(looped));
        assertEquals(List.of(), cycles(Map.of("intake", Set.of("posting"), "posting", Set.of("staging"))));
    }

    private static Map<String, Set<String>> importsBetweenPackages() throws IOException {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                String from = relative.getNameCount() > 1 ? relative.getName(0).toString() : "(base)";
                Set<String> targets = imports.computeIfAbsent(from, key -> new TreeSet<>());
                Matcher matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(from)) {
                        targets.add(matcher.group(1));
                    }
                }
            }
        }
        return imports;
    }

    /** Strongly connected groups of more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new TreeMap<>();
        Map<String, Integer> low = new TreeMap<>();
        List<String> stack = new ArrayList<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String node : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, List<String> stack, List<List<String>> out, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]++);
        stack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, out, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> group = new ArrayList<>();
            String member;
            do {
                member = stack.remove(stack.size() - 1);
                group.add(member);
            } while (!member.equals(node));
            if (group.size() > 1) {
                group.sort(null);
                out.add(group);
            }
        }
    }
}
