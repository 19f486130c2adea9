package org.fundraising.platform;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run's event stream that has nothing new to say must still say something before the idle timeout closes its
 * connection: an unchanged snapshot is sent again every keep-alive period, and each change at once.
 */
class PeriodicTest {

    @Test
    void anUnchangedAnswerIsSentAgainEveryKeepAliveAndEachChangeOnce() {
        AtomicInteger looks = new AtomicInteger();
        // "waiting" for the first 30 looks (about 600 ms), then "done".
        Uni<String> look = Uni.createFrom().item(() -> looks.incrementAndGet() <= 30 ? "waiting" : "done");
        List<String> seen = Periodic.follow(look, Duration.ofMillis(20), Duration.ofMillis(150), "done"::equals)
                .collect().asList().await().atMost(Duration.ofSeconds(5));
        assertEquals("done", seen.get(seen.size() - 1));
        long waiting = seen.stream().filter("waiting"::equals).count();
        assertTrue(waiting >= 3 && waiting <= 6, "expected the quiet answer about every 150 ms over 600 ms: " + seen);
    }

    @Test
    void changesAreSentOnceEach() {
        AtomicInteger looks = new AtomicInteger();
        Uni<Integer> look = Uni.createFrom().item(() -> looks.incrementAndGet() / 3);
        List<Integer> seen = Periodic.follow(look, Duration.ofMillis(5), Duration.ofSeconds(30), n -> n >= 4)
                .collect().asList().await().atMost(Duration.ofSeconds(5));
        assertEquals(List.of(0, 1, 2, 3, 4), seen);
    }
}
