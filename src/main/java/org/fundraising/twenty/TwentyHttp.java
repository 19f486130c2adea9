package org.fundraising.twenty;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.TwentyConfig;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.client.impl.UniInvoker;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The wire to Twenty: the Quarkus REST client's JAX-RS API with its non-blocking {@link UniInvoker}, because
 * Twenty's paths are generic ({@code /rest/<any object>}). Package-private: only {@link TwentyClient} uses it.
 */
@ApplicationScoped
class TwentyHttp {

    static final String EMULATOR_REST_PATH = "/twenty-emulator/rest";

    private static final GenericType<RestResponse<String>> TEXT_RESPONSE = new GenericType<>() {
    };

    record Answer(int status, String retryAfter, String body) {
    }

    private final Client client;
    private final TwentyConfig twenty;

    TwentyHttp(TwentyConfig twenty, FundraisingConfig config) {
        this.twenty = twenty;
        this.client = ClientBuilder.newBuilder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(config.twenty().timeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    Uni<Answer> exchange(TwentyRequest request, String token, String requestId) {
        return send(restBase() + "/" + request.path(), request.query(), request.method(), request.body() == null
                ? null : request.body().toString(), token, requestId);
    }

    private Uni<Answer> send(String url, Map<String, String> query, String method, String body, String token,
                             String requestId) {
        Invocation.Builder builder = client.target(URI.create(url + encode(query)))
                .request(MediaType.APPLICATION_JSON)
                .header("x-request-id", requestId);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        UniInvoker invoker = builder.rx(UniInvoker.class);
        // RestResponse<String> has the body read without blocking and, unlike String, no exception for 4xx/5xx.
        Uni<RestResponse<String>> response = body == null
                ? invoker.method(method, TEXT_RESPONSE)
                : invoker.method(method, Entity.entity(body, MediaType.APPLICATION_JSON_TYPE), TEXT_RESPONSE);
        return response.map(r -> new Answer(r.getStatus(), r.getHeaderString("Retry-After"), text(r)));
    }

    /** 2xx bodies arrive as the String asked for; error bodies as an in-memory stream of the bytes already read. */
    private static String text(RestResponse<?> response) {
        Object entity = response.getEntity();
        if (entity == null) {
            return "";
        }
        if (entity instanceof InputStream stream) {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
        return entity.toString();
    }

    String restBase() {
        return twenty.configuredBaseUrl().orElseGet(() -> "http://localhost:" + ownPort() + EMULATOR_REST_PATH);
    }

    /** The port this process serves on, read late because tests and PORT=0 choose it at start-up. */
    private static int ownPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(4500);
    }

    private static String encode(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("?");
        query.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append('&');
            }
            out.append(TwentyQuery.encoded(key)).append('=').append(TwentyQuery.encoded(value));
        });
        return out.toString();
    }


    @PreDestroy
    void close() {
        client.close();
    }
}
