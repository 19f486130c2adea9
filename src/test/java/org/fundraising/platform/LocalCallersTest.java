package org.fundraising.platform;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalCallersTest {

    @Test
    void theHostMustNameThisMachine() {
        for (String host : List.of("localhost", "localhost:4500", "127.0.0.1", "127.0.0.1:4500", "[::1]", "[::1]:4500",
                "LocalHost", "localhost.")) {
            assertTrue(LocalCallers.namesThisMachine(host, List.of()), host);
        }
        for (String host : List.of("attacker.test", "attacker.test:4500", "localhost.attacker.test", "127.0.0.2", "", " ")) {
            assertFalse(LocalCallers.namesThisMachine(host, List.of()), host);
        }
        assertFalse(LocalCallers.namesThisMachine(null, List.of()));
        assertTrue(LocalCallers.namesThisMachine("demo.internal:4500", List.of("demo.internal")));
    }

    @Test
    void theManagementInterfaceListensOnLoopbackInEmbeddedMode() {
        assertEquals("127.0.0.1", managementHost(Map.of()));
        assertEquals("0.0.0.0", managementHost(Map.of("twenty.api-base-url", "https://crm.example.org/rest")));
        assertEquals("0.0.0.0", managementHost(Map.of("twenty.rest-base-url", "https://crm.example.org/rest")));
        assertEquals("10.0.0.5", managementHost(Map.of("fundraising.management-host", "10.0.0.5")));
        assertEquals("::", managementHost(Map.of("quarkus.management.host", "::")));
    }

    private static String managementHost(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100))
                .withInterceptors(new EmbeddedManagementHost()).build();
        return config.getValue(EmbeddedManagementHost.PROPERTY, String.class);
    }
}
