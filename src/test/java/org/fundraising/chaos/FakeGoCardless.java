package org.fundraising.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** GoCardless' payments API as the service reads it ({@code GET /payments/:id}), in the harness's own process. */
final class FakeGoCardless implements AutoCloseable {

    static final String TOKEN = "gc_chaos_token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, ObjectNode> payments = new ConcurrentHashMap<>();

    FakeGoCardless() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/payments/", this::payment);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A confirmed payment of {@code amount} minor units, collected under {@code mandate} for {@code subscription}. */
    void payment(String id, long amount, String mandate, String subscription) {
        ObjectNode payment = JSON.createObjectNode().put("id", id).put("amount", amount).put("currency", "GBP")
                .put("charge_date", "2026-11-20").put("status", "confirmed");
        payment.putObject("links").put("creditor", "CR1").put("mandate", mandate).put("subscription", subscription);
        payments.put(id, payment);
    }

    private void payment(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/payments/".length());
        ObjectNode payment = payments.get(id);
        int status = !("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 401
                : payment == null ? 404 : 200;
        byte[] body = (status == 200 ? JSON.createObjectNode().set("payments", payment).toString() : "{}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
