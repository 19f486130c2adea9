package org.fundraising.platform.store;

import io.quarkus.runtime.configuration.ConfigurationException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedStoreTest extends OperationalStoreContract {

    private static Path directory;
    private static EmbeddedStore store;

    @BeforeAll
    static void open() throws Exception {
        directory = Files.createTempDirectory("fundraising-store");
        store = EmbeddedStore.open(directory, new ObjectMapper());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    OperationalStore store() {
        return store;
    }

    @Test
    void writesSurviveReopening() throws Exception {
        Path elsewhere = Files.createTempDirectory("fundraising-store-reopen");
        EmbeddedStore first = EmbeddedStore.open(elsewhere, new ObjectMapper());
        String id = first.enqueue("inbox", "kept").await().atMost(WAIT);
        first.put("idempotency:abc", "answer", null).await().atMost(WAIT);
        first.close();
        EmbeddedStore second = EmbeddedStore.open(elsewhere, new ObjectMapper());
        try {
            assertEquals("kept", second.claim("inbox", 1, Duration.ofSeconds(1)).await().atMost(WAIT).get(0).payload());
            assertEquals("answer", second.get("idempotency:abc").await().atMost(WAIT).orElseThrow());
            String next = second.enqueue("inbox", "after").await().atMost(WAIT);
            assertTrue(Long.parseLong(next) > Long.parseLong(id), "ids are never reused");
        } finally {
            second.close();
        }
    }

    @Test
    void aDirectoryInUseByAnotherInstanceIsAClearStartupError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> EmbeddedStore.open(directory, new ObjectMapper()));
        assertTrue(e.getMessage().contains("FUNDRAISING_DATA_DIR") && e.getMessage().contains("locked by another running instance"),
                e.getMessage());
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAClearStartupError() throws Exception {
        Path file = Files.createTempFile("not-a-directory", ".txt");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> EmbeddedStore.open(file.resolve("data"), new ObjectMapper()));
        assertTrue(e.getMessage().startsWith("FUNDRAISING_DATA_DIR"), e.getMessage());
    }
}
