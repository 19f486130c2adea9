package org.fundraising.platform;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class IdsTest {

    @Test
    void derivedIdsAreRfc4122Version5() {
        // RFC 4122's DNS namespace and the name every UUID v5 library is checked against.
        assertEquals("2ed6657d-e927-568b-95e1-2665a8aea6a2",
                Ids.derived(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"));
        String gift = Ids.derived("gift:3f0b2c1e-0000-4000-8000-000000000001");
        assertEquals(gift, Ids.derived("gift:3f0b2c1e-0000-4000-8000-000000000001"), "the same name, the same id");
        assertNotEquals(gift, Ids.derived("person:3f0b2c1e-0000-4000-8000-000000000001"));
        assertEquals(5, UUID.fromString(gift).version());
        assertEquals(2, UUID.fromString(gift).variant());
    }
}
