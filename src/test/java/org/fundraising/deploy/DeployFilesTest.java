package org.fundraising.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment examples hold together: the compose stack has every part and every variable it reads is in
 * .env.example; the gateway routes the service's paths to it; the Kubernetes manifests are well-formed objects
 * whose probes, secrets, config map and selectors point at things that exist, run as non-root on a read-only root
 * filesystem with requests and limits, and set only settings the service documents.
 */
class DeployFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path COMPOSE = Path.of("deploy/compose");
    private static final Path KUBERNETES = Path.of("deploy/kubernetes");

    @Test
    void theComposeStackHasEveryPartAndEveryVariableIsInTheExample() throws IOException {
        JsonNode compose = YAML.readTree(COMPOSE.resolve("compose.yaml").toFile());
        Set<String> services = new TreeSet<>();
        compose.path("services").fieldNames().forEachRemaining(services::add);
        assertEquals(Set.of("twenty-db", "twenty-redis", "twenty-server", "twenty-worker", "fundraising-redis", "fundraising",
                "gateway"), services);
        assertTrue(compose.path("services").path("fundraising-redis").path("command").toString().contains("\"always\""),
                "the service's Redis fsyncs every write");
        assertTrue(compose.path("services").path("fundraising").has("healthcheck"));
        assertEquals("redis://fundraising-redis:6379",
                compose.path("services").path("fundraising").path("environment").path("FUNDRAISING_REDIS_URL").asText());
        Set<String> used = variables(Files.readString(COMPOSE.resolve("compose.yaml")));
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(COMPOSE.resolve(".env.example"))) {
            if (line.matches("[A-Z_]+=.*")) {
                listed.add(line.substring(0, line.indexOf('=')));
            }
        }
        used.removeAll(listed);
        assertEquals(Set.of(), used, "read by compose.yaml but missing from .env.example");
        JsonNode local = YAML.readTree(COMPOSE.resolve("compose.local.yaml").toFile());
        assertTrue(local.path("services").path("gateway").path("ports").toString().contains("4000:80"));
    }

    @Test
    void theGatewaySendsTheServicesPathsToIt() throws IOException {
        String nginx = Files.readString(COMPOSE.resolve("nginx.conf"));
        for (String location : List.of("location /fundraising/", "location /api/fundraising/", "location = /health")) {
            Matcher block = Pattern.compile(Pattern.quote(location) + "\\s*\\{[^}]*proxy_pass \\$fundraising;").matcher(nginx);
            assertTrue(block.find(), location + " goes to the service");
        }
        assertTrue(nginx.contains("client_max_body_size 10m;"));
        // Slow clients: a header deadline and a per-address limit, which the service itself cannot set.
        assertTrue(nginx.contains("client_header_timeout 10s;"));
        assertTrue(Pattern.compile("limit_conn_zone \\$binary_remote_addr zone=(\\w+):").matcher(nginx).find());
        assertTrue(nginx.contains("limit_conn per_address "));
        assertTrue(nginx.contains("proxy_set_header X-Request-Id"));
        Matcher format = Pattern.compile("log_format\\s+\\w+\\s+'([^;]*)';").matcher(nginx);
        assertTrue(format.find(), "the gateway's access log format");
        assertFalse(format.group(1).contains("$request ") || format.group(1).contains("$request\"")
                || format.group(1).contains("$request_uri") || format.group(1).contains("$args"),
                "the access log must not carry query strings (a ?token= would be logged): " + format.group(1));
        assertTrue(Pattern.compile("location /\\s*\\{[^}]*proxy_pass \\$twenty;").matcher(nginx).find(), "the rest goes to Twenty");
    }

    @Test
    void theKubernetesManifestsPointAtThingsThatExist() throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (var files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                YAML.readerFor(JsonNode.class).readValues(file.toFile()).forEachRemaining(node -> objects.add((JsonNode) node));
            }
        }
        for (JsonNode object : objects) {
            assertTrue(object.hasNonNull("apiVersion") && object.hasNonNull("kind") && object.path("metadata").hasNonNull("name"),
                    "every object has apiVersion, kind and metadata.name: " + object);
        }
        JsonNode deployment = only(objects, "Deployment");
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = pod.path("spec").path("containers").get(0);
        assertEquals(2, deployment.path("spec").path("replicas").asInt());
        assertEquals(deployment.path("spec").path("selector").path("matchLabels"), pod.path("metadata").path("labels"));
        assertTrue(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean());
        assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertTrue(container.path("resources").path("requests").has("memory") && container.path("resources").path("limits").has("memory"));
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals("management", container.path(probe).path("httpGet").path("port").asText(), probe + " asks the management port");
        }
        assertTrue(container.path("ports").toString().contains("{\"containerPort\":9000,\"name\":\"management\"}"));
        assertTrue(container.has("startupProbe"));

        JsonNode secret = only(objects, "Secret");
        JsonNode config = only(objects, "ConfigMap");
        Set<String> settings = new TreeSet<>();
        config.path("data").fieldNames().forEachRemaining(settings::add);
        for (JsonNode env : container.path("env")) {
            settings.add(env.path("name").asText());
            JsonNode key = env.path("valueFrom").path("secretKeyRef");
            if (!key.isMissingNode()) {
                assertEquals(secret.path("metadata").path("name").asText(), key.path("name").asText());
                assertTrue(secret.path("stringData").has(key.path("key").asText()), "the Secret example has " + key.path("key"));
            }
        }
        assertEquals(config.path("metadata").path("name").asText(),
                container.path("envFrom").get(0).path("configMapRef").path("name").asText());
        String readme = Files.readString(Path.of("README.md"));
        for (String setting : settings) {
            assertTrue(readme.contains("`" + setting + "`"), setting + " is a setting the README documents");
        }
        JsonNode budget = only(objects, "PodDisruptionBudget");
        assertEquals(pod.path("metadata").path("labels"), budget.path("spec").path("selector").path("matchLabels"));
        for (JsonNode object : objects) {
            if ("Service".equals(object.path("kind").asText())) {
                Map<String, Object> selector = YAML.convertValue(object.path("spec").path("selector"), Map.class);
                assertTrue(objects.stream().anyMatch(o -> selector.equals(YAML.convertValue(
                        o.path("spec").path("template").path("metadata").path("labels"), Map.class))), "a pod matches " + selector);
            }
        }
        assertTrue(only(objects, "StatefulSet").toString().contains("\"always\""), "Redis fsyncs every write");
    }

    private static JsonNode only(List<JsonNode> objects, String kind) {
        List<JsonNode> found = objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    private static Set<String> variables(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z_]+)").matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
