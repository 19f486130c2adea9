package org.fundraising.twenty.emulator;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

/** Test-only receiver for the emulator's outbound webhooks. */
@Path("/test-webhook-sink")
@org.fundraising.platform.OpenRoute("a test receiver of the emulator's signed webhooks")
public class WebhookSinkResource {

    public record Delivery(String body, String timestamp, String signature, String nonce) {
    }

    static final LinkedBlockingQueue<Delivery> RECEIVED = new LinkedBlockingQueue<>();

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Map<String, Boolean>> receive(String body, @HeaderParam("X-Twenty-Webhook-Timestamp") String timestamp,
                                             @HeaderParam("X-Twenty-Webhook-Signature") String signature,
                                             @HeaderParam("X-Twenty-Webhook-Nonce") String nonce) {
        RECEIVED.add(new Delivery(body, timestamp, signature, nonce));
        return Uni.createFrom().item(Map.of("ok", true));
    }
}
