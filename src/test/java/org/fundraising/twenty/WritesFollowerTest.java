package org.fundraising.twenty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A write completes only once every follower has noted it (so what a follower stores about a write is stored
 * before the writer's next step), and a follower that fails never fails the write.
 */
@QuarkusTest
class WritesFollowerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TwentyCaller CALLER = TwentyCaller.system(Lane.INTERACTIVE, "test");

    /** Inert unless a test of this class sets its mode: slow (300 ms, then notes the write) or failing. */
    @ApplicationScoped
    static class TestFollower implements WritesFollower {

        static volatile String mode = "off";
        static final List<String> noted = new CopyOnWriteArrayList<>();

        @Override
        public Uni<Void> follow(RecordsWritten written) {
            return switch (mode) {
                case "slow" -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(300))
                        .invoke(() -> noted.add(written.plural() + " " + written.records().size()));
                case "failing" -> Uni.createFrom().failure(new IllegalStateException("follower down"));
                default -> Uni.createFrom().voidItem();
            };
        }
    }

    @Inject
    TwentyClient twenty;
    @Inject
    ObjectMapper json;

    @AfterEach
    void off() {
        TestFollower.mode = "off";
        TestFollower.noted.clear();
        EmulatorControl.reset();
    }

    @Test
    void aWriteCompletesOnceItsFollowersHaveNotedIt() {
        TestFollower.mode = "slow";
        twenty.create(CALLER, "appeals", appeal("Spring")).await().atMost(WAIT);
        assertEquals(List.of("appeals 1"), TestFollower.noted, "noted when the create completed");
        twenty.createMany(CALLER, "appeals", List.of(appeal("Summer"), appeal("Autumn"))).await().atMost(WAIT);
        assertEquals(List.of("appeals 1", "appeals 2"), TestFollower.noted, "noted when the create of many completed");
    }

    @Test
    void aFollowerThatFailsNeverFailsTheWrite() {
        TestFollower.mode = "failing";
        CreateResult created = twenty.create(CALLER, "appeals", appeal("Winter")).await().atMost(WAIT);
        assertEquals("Winter", created.record().path("name").asText());
        assertEquals(1, EmulatorControl.records("appeals"));
    }

    private ObjectNode appeal(String name) {
        return json.createObjectNode().put("name", name);
    }
}
