package org.fundraising.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code senders} webhook deliveries in flight at once, each sender sending its next as soon as its last is answered,
 * from one Vert.x event loop: a load generator that leaves the cores to the service it measures.
 */
final class AsyncSenders {

    private AsyncSenders() {
    }

    /** Answers the statuses; adds each delivery's latency (ns, signing included) to {@code latencies}. */
    static List<Integer> send(URI base, List<String> bodies, int senders, Function<String, String> signature,
                              List<Long> latencies) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(senders).setKeepAlive(true)
                    .setDefaultHost(base.getHost()).setDefaultPort(base.getPort()));
            List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger next = new AtomicInteger();
            AtomicInteger running = new AtomicInteger(senders);
            CompletableFuture<Void> done = new CompletableFuture<>();
            for (int i = 0; i < senders; i++) {
                vertx.runOnContext(ignored -> sendNext(client, bodies, next, signature, statuses, latencies, running, done));
            }
            done.get(10, TimeUnit.MINUTES);
            return statuses;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void sendNext(HttpClient client, List<String> bodies, AtomicInteger next, Function<String, String> signature,
                                 List<Integer> statuses, List<Long> latencies, AtomicInteger running, CompletableFuture<Void> done) {
        int index = next.getAndIncrement();
        if (index >= bodies.size()) {
            if (running.decrementAndGet() == 0) {
                done.complete(null);
            }
            return;
        }
        String body = bodies.get(index);
        long before = System.nanoTime();
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/fundraising/webhooks/stripe")
                        .putHeader("Content-Type", "application/json").putHeader("Stripe-Signature", signature.apply(body)))
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(answer -> {
                    latencies.add(System.nanoTime() - before);
                    statuses.add(answer.succeeded() ? answer.result() : -1);
                    sendNext(client, bodies, next, signature, statuses, latencies, running, done);
                });
    }
}
