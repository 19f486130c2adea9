package org.fundraising.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A real redis-server for a @QuarkusTest, wired in through FUNDRAISING_REDIS_URL's property. */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private RedisServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = RedisServer.start();
        } catch (Exception e) {
            throw new IllegalStateException("redis-server could not be started (is it installed?)", e);
        }
        return Map.of("fundraising.redis-url", server.url(), "quarkus.redis.hosts", server.url());
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (Exception ignored) {
            // the process is gone either way
        }
    }
}
