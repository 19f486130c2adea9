package org.fundraising.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes examples read as the Kubernetes API's own types (the fabric8 model, generated from the API's
 * OpenAPI description): every object's kind and apiVersion is one the API serves, every value has the type the API
 * expects, and no field is one the API does not know — a misspelt {@code readinesProbe} would be dropped silently
 * by a lenient apply and the pod would run without its probe.
 */
class KubernetesTypesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment", Deployment.class, "StatefulSet", StatefulSet.class, "Service", Service.class,
            "ConfigMap", ConfigMap.class, "Secret", Secret.class, "PodDisruptionBudget", PodDisruptionBudget.class);

    @Test
    void everyManifestIsOfTheApisTypesWithNoUnknownField() throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (var files = Files.list(Path.of("deploy/kubernetes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                YAML.readerFor(JsonNode.class).readValues(file.toFile()).forEachRemaining(node -> objects.add((JsonNode) node));
            }
        }
        assertTrue(objects.size() >= 6, "the examples hold the deployment, its service, config, secret, budget and Redis");
        for (JsonNode object : objects) {
            assertEquals(List.of(), problems(object), object.path("kind") + " " + object.path("metadata").path("name"));
        }
    }

    @Test
    void aMisspeltFieldOrAWrongTypeIsFound() throws IOException {
        JsonNode misspelt = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          readinesProbe: {httpGet: {path: /q/health/ready, port: 9000}}
                """);
        assertEquals(List.of("Deployment.spec.template.spec.containers[0]: unknown readinesProbe"), problems(misspelt));
        JsonNode oldApi = YAML.readTree("{apiVersion: policy/v1beta1, kind: PodDisruptionBudget, metadata: {name: x}}");
        assertEquals(List.of("PodDisruptionBudget: apiVersion policy/v1beta1, the type is policy/v1"), problems(oldApi));
        JsonNode badQuantity = YAML.readTree("""
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: x}, spec: {template: {spec: {containers: [
                  {name: x, resources: {limits: {memory: "512 megs"}}}]}}}}
                """);
        assertEquals(1, problems(badQuantity).size(), problems(badQuantity).toString());
        JsonNode unknownKind = YAML.readTree("{apiVersion: v1, kind: Pod3, metadata: {name: x}}");
        assertEquals(List.of("Pod3: not a kind these examples use"), problems(unknownKind));
    }

    private static List<String> problems(JsonNode object) throws IOException {
        String kind = object.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        if (type == null) {
            return List.of(kind + ": not a kind these examples use");
        }
        List<String> problems = new ArrayList<>();
        String expected = HasMetadata.getApiVersion(type);
        if (!expected.equals(object.path("apiVersion").asText())) {
            problems.add(kind + ": apiVersion " + object.path("apiVersion").asText() + ", the type is " + expected);
        }
        HasMetadata typed = YAML.treeToValue(object, type);
        assertNotNull(typed.getMetadata().getName());
        walk(typed, kind, problems);
        return problems;
    }

    /** Every part of the typed object: what the model could not place lands in its additional properties. */
    private static void walk(Object value, String path, List<String> problems) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> walk(item, path + "." + key, problems));
            return;
        }
        if (value instanceof Quantity quantity) {
            try {
                quantity.getNumericalAmount();
            } catch (IllegalArgumentException e) {
                problems.add(path + ": not a quantity: " + quantity);
            }
            return;
        }
        if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!getter.getName().startsWith("get") || getter.getParameterCount() > 0 || getter.isDefault()
                    || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object part = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) part).keySet().forEach(key -> problems.add(path + ": unknown " + key));
            } else if (getter.getReturnType() != String.class) {
                String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                walk(part, path + "." + name, problems);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(getter + " of " + target.getClass(), e);
        }
    }
}
