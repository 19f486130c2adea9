package org.fundraising.it;

import org.fundraising.support.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged service refuses to start on configuration an operator must fix, and says which. */
class StartupErrorsIT {

    @Test
    void aBooleanThatIsNoBooleanNamesItsVariable() throws Exception {
        String output = ServiceProcess.failToStart(Map.of("FUNDRAISING_ENABLE_GIFT_STAGING", "maybe",
                "FUNDRAISING_DATA_DIR", Files.createTempDirectory("startup").toString()));
        assertTrue(output.contains("FUNDRAISING_ENABLE_GIFT_STAGING must be one of 1/true/yes/on or 0/false/no/off"), output);
    }

    @Test
    void aSecondInstanceOnTheSameDataDirectoryIsRefused() throws Exception {
        Path directory = Files.createTempDirectory("startup-shared");
        try (ServiceProcess first = ServiceProcess.start("first", Map.of("FUNDRAISING_DATA_DIR", directory.toString()))) {
            String output = ServiceProcess.failToStart(Map.of("FUNDRAISING_DATA_DIR", directory.toString()));
            assertTrue(output.contains("is locked by another running instance"), output);
            assertOneLine(output);
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsRefused() throws Exception {
        Path file = Files.createTempFile("startup", ".txt");
        String output = ServiceProcess.failToStart(Map.of("FUNDRAISING_DATA_DIR", file.resolve("data").toString()));
        assertTrue(output.contains("FUNDRAISING_DATA_DIR") && output.contains("cannot be created"), output);
        assertOneLine(output);
    }

    @Test
    void aTwentyUrlWithoutAKeyNamesTheKey() throws Exception {
        String output = ServiceProcess.failToStart(Map.of("TWENTY_API_BASE_URL", "http://127.0.0.1:9/rest",
                "FUNDRAISING_DATA_DIR", Files.createTempDirectory("startup-key").toString()));
        assertTrue(output.contains("TWENTY_API_KEY is not"), output);
        assertOneLine(output);
    }

    /**
     * An operator reads why start-up stopped in one plain line of its own (not a JSON log event), and no stack trace
     * anywhere; log lines of what had started before may precede it.
     */
    private static void assertOneLine(String output) {
        assertTrue(output.lines().anyMatch(line -> line.startsWith("FUNDRAISING_DATA_DIR") || line.startsWith("TWENTY_API_BASE_URL")),
                output);
        assertTrue(!output.contains("\"frames\"") && !output.contains("Exception") && !output.contains("\tat "), output);
    }
}
