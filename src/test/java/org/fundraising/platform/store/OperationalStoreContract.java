package org.fundraising.platform.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every operational store does; run once per implementation. */
abstract class OperationalStoreContract {

    static final Duration WAIT = Duration.ofSeconds(10);

    abstract OperationalStore store();

    /** A queue name no other test used, since implementations keep data between tests. */
    static String fresh(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void keyValueWithTtl() throws Exception {
        String key = fresh("k");
        assertEquals(Optional.empty(), store().get(key).await().atMost(WAIT));
        store().put(key, "v1", null).await().atMost(WAIT);
        assertEquals(Optional.of("v1"), store().get(key).await().atMost(WAIT));
        store().put(key, "v2", Duration.ofMillis(150)).await().atMost(WAIT);
        assertEquals(Optional.of("v2"), store().get(key).await().atMost(WAIT));
        Thread.sleep(300);
        assertEquals(Optional.empty(), store().get(key).await().atMost(WAIT), "expired");
        store().put(key, "v3", null).await().atMost(WAIT);
        store().delete(key).await().atMost(WAIT);
        assertEquals(Optional.empty(), store().get(key).await().atMost(WAIT));
    }

    @Test
    void putIfAbsentClaimsOnceUntilExpiry() throws Exception {
        String key = fresh("idem");
        assertTrue(store().putIfAbsent(key, "first", Duration.ofMillis(200)).await().atMost(WAIT));
        assertFalse(store().putIfAbsent(key, "second", Duration.ofMillis(200)).await().atMost(WAIT));
        assertEquals(Optional.of("first"), store().get(key).await().atMost(WAIT));
        Thread.sleep(350);
        assertTrue(store().putIfAbsent(key, "third", null).await().atMost(WAIT));
    }

    @Test
    void compareAndSetOnlyFromTheExpectedValue() {
        String key = fresh("cas");
        assertTrue(store().compareAndSet(key, null, "a", null).await().atMost(WAIT), "absent → a");
        assertFalse(store().compareAndSet(key, null, "b", null).await().atMost(WAIT), "not absent any more");
        assertFalse(store().compareAndSet(key, "x", "b", null).await().atMost(WAIT));
        assertTrue(store().compareAndSet(key, "a", "b", null).await().atMost(WAIT));
        assertEquals(Optional.of("b"), store().get(key).await().atMost(WAIT));
        assertTrue(store().compareAndSet(key, "b", null, null).await().atMost(WAIT), "b → deleted");
        assertEquals(Optional.empty(), store().get(key).await().atMost(WAIT));
    }

    @Test
    void concurrentClaimsOfOneKeyHaveOneWinner() throws Exception {
        String key = fresh("race");
        List<CompletableFuture<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            attempts.add(store().putIfAbsent(key, "owner-" + i, null).subscribeAsCompletionStage());
        }
        long winners = 0;
        for (CompletableFuture<Boolean> attempt : attempts) {
            if (attempt.get(10, TimeUnit.SECONDS)) {
                winners++;
            }
        }
        assertEquals(1, winners);
    }

    @Test
    void leasesHaveOneHolderAndExpire() throws Exception {
        Leases leases = new Leases(store());
        String name = fresh("run");
        assertTrue(leases.acquire(name, "a", Duration.ofMillis(300)).await().atMost(WAIT));
        assertFalse(leases.acquire(name, "b", Duration.ofMillis(300)).await().atMost(WAIT));
        assertTrue(leases.acquire(name, "a", Duration.ofMillis(300)).await().atMost(WAIT), "re-acquire renews");
        assertTrue(leases.renew(name, "a", Duration.ofMillis(300)).await().atMost(WAIT));
        assertFalse(leases.renew(name, "b", Duration.ofMillis(300)).await().atMost(WAIT));
        assertEquals(Optional.of("a"), leases.holder(name).await().atMost(WAIT));
        Thread.sleep(450);
        assertTrue(leases.acquire(name, "b", Duration.ofSeconds(5)).await().atMost(WAIT), "a stopped renewing");
        assertFalse(leases.release(name, "a").await().atMost(WAIT));
        assertTrue(leases.release(name, "b").await().atMost(WAIT));
        assertEquals(Optional.empty(), leases.holder(name).await().atMost(WAIT));
    }

    @Test
    void queueIsFifoAndAckRemoves() {
        String queue = fresh("q");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(store().enqueue(queue, "event-" + i).await().atMost(WAIT));
        }
        List<QueueEntry> first = store().claim(queue, 5, Duration.ofSeconds(30)).await().atMost(WAIT);
        assertEquals(List.of("event-0", "event-1", "event-2", "event-3", "event-4"),
                first.stream().map(QueueEntry::payload).toList());
        assertEquals(ids.subList(0, 5), first.stream().map(QueueEntry::id).toList());
        List<QueueEntry> second = store().claim(queue, 100, Duration.ofSeconds(30)).await().atMost(WAIT);
        assertEquals(7, second.size(), "claimed entries are not handed out twice");
        assertEquals("event-5", second.get(0).payload());
        for (QueueEntry entry : first) {
            store().ack(queue, entry.id()).await().atMost(WAIT);
        }
        assertEquals(new QueueDepth(0, 7, 0), store().depth(queue).await().atMost(WAIT));
    }

    @Test
    void anUnsettledClaimComesBackAfterItsVisibility() throws Exception {
        String queue = fresh("q");
        store().enqueue(queue, "payload").await().atMost(WAIT);
        assertEquals(1, store().claim(queue, 10, Duration.ofMillis(200)).await().atMost(WAIT).size());
        assertEquals(0, store().claim(queue, 10, Duration.ofMillis(200)).await().atMost(WAIT).size());
        Thread.sleep(350);
        List<QueueEntry> again = store().claim(queue, 10, Duration.ofSeconds(5)).await().atMost(WAIT);
        assertEquals(1, again.size());
        assertEquals("payload", again.get(0).payload());
    }

    @Test
    void retryLaterDelaysAndCountsAttempts() throws Exception {
        String queue = fresh("q");
        store().enqueue(queue, "p").await().atMost(WAIT);
        QueueEntry entry = store().claim(queue, 1, Duration.ofSeconds(30)).await().atMost(WAIT).get(0);
        assertEquals(0, entry.attempts());
        assertNull(entry.lastError());
        store().retryLater(queue, entry.id(), Duration.ofMillis(300), "twenty 503").await().atMost(WAIT);
        assertEquals(0, store().claim(queue, 1, Duration.ofSeconds(30)).await().atMost(WAIT).size(), "not due yet");
        assertEquals(new QueueDepth(1, 0, 0), store().depth(queue).await().atMost(WAIT));
        Thread.sleep(450);
        QueueEntry retried = store().claim(queue, 1, Duration.ofSeconds(30)).await().atMost(WAIT).get(0);
        assertEquals(entry.id(), retried.id());
        assertEquals(1, retried.attempts());
        assertEquals("twenty 503", retried.lastError());
    }

    @Test
    void parkedEntriesAreNeverClaimed() {
        String queue = fresh("q");
        String id = store().enqueue(queue, "poison").await().atMost(WAIT);
        store().enqueue(queue, "fine").await().atMost(WAIT);
        store().claim(queue, 1, Duration.ofSeconds(30)).await().atMost(WAIT);
        store().park(queue, id, "unreadable payload").await().atMost(WAIT);
        List<QueueEntry> claimed = store().claim(queue, 10, Duration.ofSeconds(30)).await().atMost(WAIT);
        assertEquals(List.of("fine"), claimed.stream().map(QueueEntry::payload).toList());
        List<QueueEntry> parked = store().parked(queue, 10).await().atMost(WAIT);
        assertEquals(1, parked.size());
        assertEquals("poison", parked.get(0).payload());
        assertEquals("unreadable payload", parked.get(0).lastError());
        assertEquals(1, store().depth(queue).await().atMost(WAIT).parked());
    }

    @Test
    void anEntryEnqueuedOnceUnderAKeyIsNotEnqueuedAgain() {
        String queue = fresh("q");
        String key = fresh("once");
        java.util.Optional<String> first = store().enqueueOnce(queue, key, "event 1", Duration.ofMinutes(5)).await().atMost(WAIT);
        java.util.Optional<String> again = store().enqueueOnce(queue, key, "event 1 again", Duration.ofMinutes(5)).await().atMost(WAIT);
        assertEquals(true, first.isPresent());
        assertEquals(false, again.isPresent(), "a repeat of the key appends nothing");
        assertEquals(first.get(), store().get(key).await().atMost(WAIT).orElseThrow(), "the key names its entry");
        List<QueueEntry> claimed = store().claim(queue, 10, Duration.ofSeconds(30)).await().atMost(WAIT);
        assertEquals(List.of("event 1"), claimed.stream().map(QueueEntry::payload).toList());
    }

    @Test
    void aSwapAndItsEntryAreWrittenTogetherOrNotAtAll() {
        String queue = fresh("q");
        String a = fresh("a");
        String b = fresh("b");
        store().put(b, "b1", null).await().atMost(WAIT);
        Duration kept = Duration.ofMinutes(5);
        assertTrue(store().swapAndEnqueue(List.of(new OperationalStore.Swap(a, null, "a1"), new OperationalStore.Swap(b, "b1", "b2")),
                kept, queue, "first").await().atMost(WAIT));
        assertEquals(Optional.of("a1"), store().get(a).await().atMost(WAIT));
        assertEquals(Optional.of("b2"), store().get(b).await().atMost(WAIT));
        // One key no longer holds what the caller read: nothing is written, the other key included.
        assertFalse(store().swapAndEnqueue(List.of(new OperationalStore.Swap(a, "a1", "a2"), new OperationalStore.Swap(b, "b1", "b3")),
                kept, queue, "second").await().atMost(WAIT));
        assertEquals(Optional.of("a1"), store().get(a).await().atMost(WAIT));
        assertEquals(Optional.of("b2"), store().get(b).await().atMost(WAIT));
        assertEquals(List.of("first"), store().claim(queue, 10, Duration.ofSeconds(30)).await().atMost(WAIT)
                .stream().map(QueueEntry::payload).toList());
    }

    @Test
    void ofConcurrentSwapsFromTheSameValueOneWrites() throws Exception {
        String queue = fresh("q");
        String key = fresh("facts");
        List<CompletableFuture<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(store().swapAndEnqueue(List.of(new OperationalStore.Swap(key, null, "v" + i)), Duration.ofMinutes(5),
                    queue, "entry " + i).subscribeAsCompletionStage());
        }
        int written = 0;
        for (CompletableFuture<Boolean> attempt : attempts) {
            written += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, written);
        List<QueueEntry> claimed = store().claim(queue, 30, Duration.ofSeconds(30)).await().atMost(WAIT);
        assertEquals(1, claimed.size());
        assertEquals("v" + claimed.get(0).payload().substring("entry ".length()), store().get(key).await().atMost(WAIT).orElseThrow(),
                "the key holds the value of the caller whose entry was appended");
    }

    @Test
    void anUnparkedEntryIsDueAgainWithItsAttemptsCountedAfresh() {
        String queue = fresh("q");
        String id = store().enqueue(queue, "replay me").await().atMost(WAIT);
        store().claim(queue, 1, Duration.ofSeconds(30)).await().atMost(WAIT);
        store().retryLater(queue, id, Duration.ZERO, "twenty 503").await().atMost(WAIT);
        store().claim(queue, 1, Duration.ofSeconds(30)).await().atMost(WAIT);
        store().park(queue, id, "failed twice").await().atMost(WAIT);
        assertEquals(false, store().unpark(queue, "999999").await().atMost(WAIT), "no such parked entry");
        assertEquals(true, store().unpark(queue, id).await().atMost(WAIT));
        assertEquals(0, store().depth(queue).await().atMost(WAIT).parked());
        List<QueueEntry> claimed = store().claim(queue, 10, Duration.ofSeconds(30)).await().atMost(WAIT);
        assertEquals(List.of("replay me"), claimed.stream().map(QueueEntry::payload).toList());
        assertEquals(0, claimed.get(0).attempts());
        assertEquals(false, store().unpark(queue, id).await().atMost(WAIT), "a claimed entry is not parked");
    }

    @Test
    void settlingAnUnknownEntryFails() {
        String queue = fresh("q");
        String missing = store().enqueue(queue, "x").await().atMost(WAIT);
        store().ack(queue, missing).await().atMost(WAIT);
        assertThrows(RuntimeException.class,
                () -> store().retryLater(queue, missing, Duration.ZERO, "r").await().atMost(WAIT));
    }

    @Test
    void payloadsSurviveAsTheyWereWritten() {
        String queue = fresh("q");
        String payload = "{\"type\":\"invoice.paid\",\"text\":\"é ✓ \\\"quoted\\\" / slash\",\"n\":12.50}";
        store().enqueue(queue, payload).await().atMost(WAIT);
        assertEquals(payload, store().claim(queue, 1, Duration.ofSeconds(5)).await().atMost(WAIT).get(0).payload());
    }

    @Test
    void pingSucceedsWhileWritable() {
        store().ping().await().atMost(WAIT);
    }
}
