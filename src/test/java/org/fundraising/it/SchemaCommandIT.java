package org.fundraising.it;

import org.fundraising.support.ServiceProcess;
import org.fundraising.support.ServiceProcess.CommandResult;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar quarkus-run.jar schema apply} against a workspace started empty, as an operator runs it. */
class SchemaCommandIT {

    @Test
    void applyFillsAnEmptyWorkspaceOnceAndTheServiceBecomesReady() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("empty-workspace", Map.of(
                "FUNDRAISING_EMULATOR_PROVISION", "false", "FUNDRAISING_EMULATOR_RATE_PER_MINUTE", "0",
                "FUNDRAISING_DATA_DIR", Files.createTempDirectory("schema-it").toString()))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> before = http.send(HttpRequest.newBuilder(URI.create(service.management() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, before.statusCode(), before.body());
            assertTrue(before.body().contains("giftStaging"), before.body());

            Map<String, String> env = Map.of("TWENTY_API_BASE_URL", service.base() + "/twenty-emulator/rest",
                    "TWENTY_API_KEY", "local-dev-key", "FUNDRAISING_TWENTY_RATE_PER_MINUTE", "0");
            CommandResult plan = ServiceProcess.command(env, "schema", "apply", "--dry-run");
            assertEquals(0, plan.exit(), plan.output());
            assertTrue(plan.output().contains("would create"), plan.output());

            // Twenty refuses one field: the rows settled so far are printed, then the refused one with Twenty's reason.
            HttpResponse<String> fault = http.send(HttpRequest.newBuilder(URI.create(service.base() + "/twenty-emulator/_faults"))
                    .header("Authorization", "Bearer local-dev-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"POST\",\"path\":\"/rest/metadata/fields\","
                            + "\"mode\":\"error\",\"status\":400,\"times\":1}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, fault.statusCode(), fault.body());
            CommandResult refused = ServiceProcess.command(env, "schema", "apply");
            assertEquals(2, refused.exit(), refused.output());
            assertTrue(refused.output().matches("(?s).*giftStaging\\s+OBJECT\\s+created.*"), "objects made before the refusal are shown: "
                    + refused.output());
            assertTrue(refused.output().matches("(?s).*\\S+\\.\\S+\\s+\\S+\\s+failed: Injected fault.*"), refused.output());
            assertTrue(refused.output().contains("schema apply stopped at"), refused.output());

            CommandResult first = ServiceProcess.command(env, "schema", "apply");
            assertEquals(0, first.exit(), first.output());
            assertTrue(first.output().matches("(?s).*person\\.household\\s+RELATION\\s+created.*"), "relations are created: "
                    + first.output());
            assertTrue(first.output().contains("giftStaging.processingStatus") && first.output().contains("created"), first.output());

            CommandResult second = ServiceProcess.command(env, "schema", "apply");
            assertEquals(0, second.exit(), second.output());
            assertFalse(second.output().contains(" created"), second.output());
            assertTrue(second.output().contains("already present"), second.output());

            // With the service's public address and the webhook secret, Twenty's gift webhook is registered once.
            Map<String, String> withWebhook = new HashMap<>(env);
            withWebhook.put("FUNDRAISING_PUBLIC_URL", "https://crm.example.org/");
            withWebhook.put("TWENTY_WEBHOOK_SECRET", "schema-it-secret");
            String target = "https://crm.example.org/api/fundraising/webhooks/twenty";
            CommandResult registered = ServiceProcess.command(withWebhook, "schema", "apply");
            assertTrue(registered.output().contains(target + " WEBHOOK") && registered.output().matches("(?s).*WEBHOOK\\s+created.*"),
                    registered.output());
            CommandResult again = ServiceProcess.command(withWebhook, "schema", "apply");
            assertTrue(again.output().matches("(?s).*WEBHOOK\\s+exists.*"), again.output());
            // Copies left by earlier releases (each change was delivered once per copy) are removed.
            for (String secret : new String[] {"schema-it-secret", "an-old-secret"}) {
                HttpResponse<String> copy = http.send(HttpRequest.newBuilder(URI.create(service.base() + "/twenty-emulator/rest/metadata/webhooks"))
                        .header("Authorization", "Bearer local-dev-key").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"targetUrl\":\"" + target + "\",\"operations\":[\"gift.updated\"],"
                                + "\"secret\":\"" + secret + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, copy.statusCode(), copy.body());
            }
            CommandResult tidied = ServiceProcess.command(withWebhook, "schema", "apply");
            assertTrue(tidied.output().matches("(?s).*WEBHOOK\\s+exists; 2 other webhook\\(s\\) at this address removed.*"),
                    tidied.output());
            HttpResponse<String> hooks = http.send(HttpRequest.newBuilder(URI.create(service.base()
                    + "/twenty-emulator/rest/metadata/webhooks")).header("Authorization", "Bearer local-dev-key").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(1, hooks.body().split(Pattern.quote(target), -1).length - 1, hooks.body());

            int status = 0;
            for (int i = 0; i < 100 && status != 200; i++) {
                status = http.send(HttpRequest.newBuilder(URI.create(service.management() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                Thread.sleep(200);
            }
            assertEquals(200, status, "the service did not become ready after schema apply");
        }
    }

    @Test
    void aMetadataAnswerInAnUnknownShapeIsRefusedBeforeAnythingIsWritten() throws Exception {
        HttpServer twenty = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> asked = new CopyOnWriteArrayList<>();
        twenty.createContext("/rest/", exchange -> {
            asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body = "{\"objects\":[{\"name\":\"person\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        twenty.start();
        try {
            CommandResult result = ServiceProcess.command(Map.of("TWENTY_API_BASE_URL",
                    "http://127.0.0.1:" + twenty.getAddress().getPort() + "/rest", "TWENTY_API_KEY", "k",
                    "FUNDRAISING_TWENTY_RATE_PER_MINUTE", "0"), "schema", "apply");
            assertEquals(2, result.exit(), result.output());
            assertTrue(result.output().contains("a shape this service does not know; Twenty 2.21 is supported"), result.output());
            assertTrue(asked.stream().allMatch(call -> call.startsWith("GET ")), "nothing was written: " + asked);
        } finally {
            twenty.stop(0);
        }
    }

    @Test
    void withoutATwentyUrlItSaysWhatItNeeds() throws Exception {
        CommandResult result = ServiceProcess.command(Map.of(), "schema", "apply");
        assertEquals(2, result.exit(), result.output());
        assertTrue(result.output().contains("TWENTY_API_BASE_URL"), result.output());
    }
}
