package org.fundraising.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What one chaos run threw at the service and what Twenty held at its end. */
public final class ChaosFigures {

    // thrown at it
    final AtomicInteger deliveries = new AtomicInteger();
    final AtomicInteger repeatedDeliveries = new AtomicInteger();
    Map<String, Integer> faults = Map.of();
    int restarts;
    long outageSeconds;
    int storms;
    int circuitOpened;
    int circuitClosed;
    long twentyCalls;
    long throttled;
    long retries;
    long rateLimitedSeen;
    long resends;
    Map<Integer, Long> driverStatuses = Map.of();
    double workDoneSeconds;
    double wallSeconds;

    // what came of it
    String importAnswer = "";
    final Map<String, String> runs = new ConcurrentHashMap<>();
    String inbox = "";
    int expectedGifts;
    int found;
    public final List<Long> lost = Collections.synchronizedList(new ArrayList<>());
    public final Map<Long, Integer> duplicated = new TreeMap<>();
    public final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Integer> stagingRows = new TreeMap<>();
    public final List<String> openRows = new ArrayList<>();
    final List<String> failedRows = new ArrayList<>();
    public final List<String> agreementMismatches = new ArrayList<>();
    public Map<String, Long> rollupsChanged = Map.of();
    public final List<String> refusedDeliveries = Collections.synchronizedList(new ArrayList<>());
    public final List<String> refusedGifts = Collections.synchronizedList(new ArrayList<>());

    /**
     * Answers of the service that say it failed itself: any 5xx but 502, 503 and 504, which say that Twenty could not
     * answer (erring past the retries, down, or the circuit open) and are the honest answer to a client then.
     */
    public long serverErrors() {
        return driverStatuses.entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() != 502 && e.getKey() != 503
                && e.getKey() != 504).mapToLong(Map.Entry::getValue).sum();
    }

    public int found() {
        return found;
    }

    /** True when every run finished as completed. */
    public boolean runsCompleted() {
        return runs.size() == 3 && runs.values().stream().allMatch(status -> status.startsWith("completed "));
    }

    public String describe() {
        long faultTotal = faults.values().stream().mapToLong(Integer::longValue).sum();
        return String.join("\n",
                "CHAOS thrown: " + deliveries + " webhook deliveries (" + repeatedDeliveries + " of them or gifts sent again), "
                        + "faults injected " + faultTotal + " " + faults + ", 429 storms " + storms + ", outage " + outageSeconds
                        + " s (circuit opened " + circuitOpened + " times, closed " + circuitClosed + " times), SIGKILL + restart " + restarts,
                "CHAOS Twenty: " + twentyCalls + " calls received, " + throttled + " throttled; the service counted "
                        + retries + " retries and " + rateLimitedSeen + " 429s (a floor: counters die with each process)",
                "CHAOS clients: answers " + driverStatuses + " (-1: no answer), " + resends + " sent again; the service's own failures (5xx but 502/503/504): " + serverErrors(),
                "CHAOS runs: " + runs + "; import " + importAnswer,
                "CHAOS gifts: expected " + expectedGifts + ", found " + found + ", lost " + lost.size() + ", duplicated "
                        + duplicated.size() + ", unexpected " + unexpected.size(),
                "CHAOS staging rows " + stagingRows + ", not terminal " + openRows.size() + ", failed with a reason "
                        + failedRows.subList(0, Math.min(5, failedRows.size())) + "; webhook inbox " + inbox,
                "CHAOS agreements off their gifts " + agreementMismatches.size() + "; rollups differing from a recomputation "
                        + rollupsChanged,
                "CHAOS refused: deliveries " + refusedDeliveries + ", gifts " + refusedGifts,
                String.format("CHAOS time: work %.0f s, wall %.0f s", workDoneSeconds, wallSeconds));
    }
}
