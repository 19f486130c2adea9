package org.fundraising.twenty.emulator;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the emulator saw, for tests and benchmarks to assert on: calls per route, 429s, the busiest minute. */
final class EmulatorStats {

    private long calls;
    private long throttled;
    private int maxCallsInAnyMinute;
    private final Map<String, Long> byRoute = new TreeMap<>();
    private final ArrayDeque<Long> lastMinute = new ArrayDeque<>();
    private final ArrayDeque<Map<String, Object>> recent = new ArrayDeque<>();

    /** The last 500 requests with their query parameters, for tests that assert the exact query sent. */
    synchronized void remember(String method, String path, Map<String, String> query) {
        recent.addLast(Map.of("method", method, "path", path, "query", new TreeMap<>(query)));
        while (recent.size() > 500) {
            recent.pollFirst();
        }
    }

    synchronized List<Map<String, Object>> recentRequests() {
        return List.copyOf(recent);
    }

    synchronized void record(String route) {
        calls++;
        byRoute.merge(route, 1L, Long::sum);
        long now = System.nanoTime();
        lastMinute.addLast(now);
        while (now - lastMinute.peekFirst() >= 60_000_000_000L) {
            lastMinute.pollFirst();
        }
        maxCallsInAnyMinute = Math.max(maxCallsInAnyMinute, lastMinute.size());
    }

    synchronized void throttled() {
        throttled++;
    }

    synchronized Map<String, Object> snapshot(Map<String, Integer> records) {
        return Map.of("calls", calls, "byRoute", new TreeMap<>(byRoute), "throttled", throttled,
                "maxCallsInAnyMinute", maxCallsInAnyMinute, "records", records);
    }

    synchronized void clear() {
        calls = 0;
        throttled = 0;
        maxCallsInAnyMinute = 0;
        byRoute.clear();
        lastMinute.clear();
        recent.clear();
    }
}
