package org.fundraising.platform.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import org.fundraising.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

class RedisStoreTest extends OperationalStoreContract {

    private static RedisServer server;
    private static Vertx vertx;
    private static Redis client;
    private static RedisStore store;

    @BeforeAll
    static void start() throws Exception {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        client = server.client(vertx);
        store = new RedisStore(client, new ObjectMapper());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        vertx.closeAndAwait();
        server.close();
    }

    @Override
    OperationalStore store() {
        return store;
    }

    @Test
    void pingFailsWhenRedisIsGone() throws Exception {
        RedisServer other = RedisServer.start();
        Redis otherClient = other.client(vertx);
        RedisStore otherStore = new RedisStore(otherClient, new ObjectMapper());
        otherStore.ping().await().atMost(WAIT);
        other.kill();
        assertThrows(RuntimeException.class, () -> otherStore.ping().await().atMost(WAIT));
        otherClient.close();
    }
}
