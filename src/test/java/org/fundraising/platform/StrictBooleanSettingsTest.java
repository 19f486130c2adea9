package org.fundraising.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrictBooleanSettingsTest {

    private static FundraisingConfig load(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(env, "env", 300))
                .withInterceptors(new StrictBooleanSettings())
                .withMapping(FundraisingConfig.class)
                .build();
        return config.getConfigMapping(FundraisingConfig.class);
    }

    @Test
    void acceptsTheOriginalsSpellings() {
        for (String yes : new String[]{"1", "true", "YES", " on "}) {
            assertTrue(load(Map.of("fundraising.enable-gift-staging", yes)).enableGiftStaging(), yes);
        }
        for (String no : new String[]{"0", "false", "No", "OFF"}) {
            assertFalse(load(Map.of("fundraising.enable-gift-staging", no)).enableGiftStaging(), no);
        }
    }

    @Test
    void anythingElseStopsStartUpNamingTheVariable() {
        Exception e = assertThrows(Exception.class, () -> load(Map.of("fundraising.emulator.provision", "maybe")));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("FUNDRAISING_EMULATOR_PROVISION"), messages.toString());
        assertTrue(messages.toString().contains("maybe"), messages.toString());
    }

    @Test
    void defaultsHoldWhenNothingIsSet() {
        FundraisingConfig config = load(Map.of());
        assertTrue(config.enableGiftStaging());
        assertFalse(config.stagingAutoProcessDefault());
        assertEquals(80, config.twenty().ratePerMinute());
        assertEquals(10, config.twenty().burst());
        assertEquals(3, config.twenty().maxAttempts());
        assertEquals(15000, config.twenty().timeout().toMillis());
        assertEquals(100, config.emulator().ratePerMinute());
    }

    /** Every boolean of every {@code @ConfigMapping} of the service, found among its compiled classes. */
    @Test
    void everyBooleanSettingIsChecked() throws Exception {
        Set<String> found = new HashSet<>();
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes.resolve("org"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                if (mapping != null) {
                    collect(mapping.prefix(), type, found);
                }
            }
        }
        assertTrue(found.contains("fundraising.rollup.incremental"), "the scan found the mappings: " + found);
        assertEquals(found, StrictBooleanSettings.PROPERTIES,
                "add new boolean settings to StrictBooleanSettings.PROPERTIES");
    }

    @Test
    void aBooleanOutsideTheMainMappingIsStrictToo() {
        assertThrows(IllegalArgumentException.class, () -> StrictBooleanSettings.parse("fundraising.rollup.incremental", "ture"));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("fundraising.rollup.incremental", "ture"), "env", 300))
                .withInterceptors(new StrictBooleanSettings()).build();
        assertThrows(IllegalArgumentException.class, () -> config.getValue("fundraising.rollup.incremental", Boolean.class));
    }

    private static void collect(String prefix, Class<?> type, Set<String> out) {
        collect(prefix, type, type, out);
    }

    private static void collect(String prefix, Class<?> type, Class<?> mapping, Set<String> out) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isDefault() || method.getParameterCount() > 0 || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            if (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class) {
                out.add(name);
            } else if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() == mapping) {
                collect(name, method.getReturnType(), mapping, out);
            }
        }
    }

    @Test
    void environmentNamesFollowTheSpec() {
        assertEquals("FUNDRAISING_ENABLE_GIFT_STAGING", StrictBooleanSettings.envName("fundraising.enable-gift-staging"));
    }
}
