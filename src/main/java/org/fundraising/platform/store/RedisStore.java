package org.fundraising.platform.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store for several replicas: Redis, through the reactive client. Every multi-step operation is one Lua
 * script, so it is atomic across replicas; with {@code appendonly yes} and {@code appendfsync always} a reply
 * means the write is on disk. Queues are a hash of entries with two sorted sets (due time, claim expiry) and a
 * hash of parked entries, which gives the same semantics as the embedded store.
 */
public final class RedisStore implements OperationalStore {

    private static final String PREFIX = "fundraising:";

    private static final String COMPARE_AND_SET = """
            local current = redis.call('GET', KEYS[1])
            if ARGV[1] == '1' then
              if current ~= ARGV[2] then return 0 end
            elseif current then
              return 0
            end
            if ARGV[3] == '1' then
              if tonumber(ARGV[5]) > 0 then redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
              else redis.call('SET', KEYS[1], ARGV[4]) end
            else
              redis.call('DEL', KEYS[1])
            end
            return 1
            """;

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /** KEYS: seq, entries, ready. Ids are zero-padded so that sorted-set ties come out in arrival order. */
    private static final String ENQUEUE = """
            local id = string.format('%020d', redis.call('INCR', KEYS[1]))
            redis.call('HSET', KEYS[2], id, ARGV[1])
            redis.call('ZADD', KEYS[3], 0, id)
            return id
            """;

    /** KEYS: seq, entries, ready, once key. ARGV: entry, ttl ms. */
    private static final String ENQUEUE_ONCE = """
            if redis.call('EXISTS', KEYS[4]) == 1 then return false end
            local id = string.format('%020d', redis.call('INCR', KEYS[1]))
            redis.call('HSET', KEYS[2], id, ARGV[1])
            redis.call('ZADD', KEYS[3], 0, id)
            redis.call('SET', KEYS[4], id, 'PX', ARGV[2])
            return id
            """;

    /**
     * KEYS: seq, entries, ready, then the keys to swap. ARGV: entry, ttl ms, then per key: 1 and the expected value
     * (or 0 and empty: absent), and the new value.
     */
    private static final String SWAP_AND_ENQUEUE = """
            for i = 4, #KEYS do
              local current = redis.call('GET', KEYS[i])
              local base = 3 + (i - 4) * 3
              if ARGV[base] == '1' then
                if current ~= ARGV[base + 1] then return 0 end
              elseif current then
                return 0
              end
            end
            for i = 4, #KEYS do
              redis.call('SET', KEYS[i], ARGV[3 + (i - 4) * 3 + 2], 'PX', ARGV[2])
            end
            local id = string.format('%020d', redis.call('INCR', KEYS[1]))
            redis.call('HSET', KEYS[2], id, ARGV[1])
            redis.call('ZADD', KEYS[3], 0, id)
            return 1
            """;

    /** KEYS: entries, ready, inflight. ARGV: max, visibility ms. */
    private static final String CLAIM = NOW + """
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)) do
              redis.call('ZREM', KEYS[3], id)
              redis.call('ZADD', KEYS[2], now, id)
            end
            local out = {}
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))) do
              local entry = redis.call('HGET', KEYS[1], id)
              redis.call('ZREM', KEYS[2], id)
              if entry then
                redis.call('ZADD', KEYS[3], now + tonumber(ARGV[2]), id)
                table.insert(out, id)
                table.insert(out, entry)
              end
            end
            return out
            """;

    /** KEYS: entries, ready, inflight. ARGV: id. */
    private static final String ACK = """
            redis.call('ZREM', KEYS[3], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('HDEL', KEYS[1], ARGV[1])
            return 1
            """;

    /** KEYS: entries, ready, inflight. ARGV: id, delay ms, reason. */
    private static final String RETRY_LATER = NOW + """
            local raw = redis.call('HGET', KEYS[1], ARGV[1])
            if not raw then return redis.error_reply('no entry ' .. ARGV[1]) end
            local entry = cjson.decode(raw)
            entry.attempts = (entry.attempts or 0) + 1
            entry.lastError = ARGV[3]
            redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(entry))
            redis.call('ZREM', KEYS[3], ARGV[1])
            redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
            return 1
            """;

    /** KEYS: entries, ready, inflight, parked. ARGV: id, reason. */
    private static final String PARK = """
            local raw = redis.call('HGET', KEYS[1], ARGV[1])
            if not raw then return redis.error_reply('no entry ' .. ARGV[1]) end
            local entry = cjson.decode(raw)
            entry.lastError = ARGV[2]
            redis.call('HSET', KEYS[4], ARGV[1], cjson.encode(entry))
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('ZREM', KEYS[3], ARGV[1])
            return 1
            """;

    /** KEYS: entries, ready, parked. ARGV: id. */
    private static final String UNPARK = NOW + """
            local raw = redis.call('HGET', KEYS[3], ARGV[1])
            if not raw then return 0 end
            local entry = cjson.decode(raw)
            entry.attempts = 0
            redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(entry))
            redis.call('HDEL', KEYS[3], ARGV[1])
            redis.call('ZADD', KEYS[2], now, ARGV[1])
            return 1
            """;

    /** KEYS: ready, inflight, parked. */
    private static final String DEPTH = NOW + """
            local claimed = redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf')
            local lapsed = redis.call('ZCOUNT', KEYS[2], '-inf', now)
            return {redis.call('ZCARD', KEYS[1]) + lapsed, claimed, redis.call('HLEN', KEYS[3])}
            """;

    @RegisterForReflection
    record RedisEntry(String payload, int attempts, String lastError) {
    }

    private final Redis redis;
    private final ObjectMapper json;

    public RedisStore(Redis redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public Uni<Optional<String>> get(String key) {
        return send(Request.cmd(Command.GET).arg(kv(key))).map(r -> Optional.ofNullable(r).map(Response::toString));
    }

    @Override
    public Uni<Void> put(String key, String value, Duration ttl) {
        Request set = Request.cmd(Command.SET).arg(kv(key)).arg(value);
        if (ttl != null) {
            set.arg("PX").arg(Math.max(1, ttl.toMillis()));
        }
        return send(set).replaceWithVoid();
    }

    @Override
    public Uni<Boolean> putIfAbsent(String key, String value, Duration ttl) {
        Request set = Request.cmd(Command.SET).arg(kv(key)).arg(value).arg("NX");
        if (ttl != null) {
            set.arg("PX").arg(Math.max(1, ttl.toMillis()));
        }
        return send(set).map(r -> r != null);
    }

    @Override
    public Uni<Boolean> compareAndSet(String key, String expected, String value, Duration ttl) {
        return eval(COMPARE_AND_SET, List.of(kv(key)), expected == null ? "0" : "1", expected == null ? "" : expected,
                value == null ? "0" : "1", value == null ? "" : value, ttl == null ? 0 : Math.max(1, ttl.toMillis()))
                .map(r -> r.toInteger() == 1);
    }

    @Override
    public Uni<Void> delete(String key) {
        return send(Request.cmd(Command.DEL).arg(kv(key))).replaceWithVoid();
    }

    @Override
    public Uni<String> enqueue(String queue, String payload) {
        return eval(ENQUEUE, List.of(q(queue, "seq"), q(queue, "entries"), q(queue, "ready")),
                write(new RedisEntry(payload, 0, null))).map(Response::toString);
    }

    @Override
    public Uni<Optional<String>> enqueueOnce(String queue, String onceKey, String payload, Duration ttl) {
        return eval(ENQUEUE_ONCE, List.of(q(queue, "seq"), q(queue, "entries"), q(queue, "ready"), kv(onceKey)),
                write(new RedisEntry(payload, 0, null)), Math.max(1, ttl.toMillis()))
                .map(r -> r == null ? Optional.<String>empty() : Optional.of(r.toString()));
    }

    @Override
    public Uni<Boolean> swapAndEnqueue(List<Swap> swaps, Duration ttl, String queue, String payload) {
        List<String> keys = new ArrayList<>(List.of(q(queue, "seq"), q(queue, "entries"), q(queue, "ready")));
        List<Object> args = new ArrayList<>(List.of(write(new RedisEntry(payload, 0, null)), Math.max(1, ttl.toMillis())));
        for (Swap swap : swaps) {
            keys.add(kv(swap.key()));
            args.add(swap.expected() == null ? "0" : "1");
            args.add(swap.expected() == null ? "" : swap.expected());
            args.add(swap.value());
        }
        return eval(SWAP_AND_ENQUEUE, keys, args.toArray()).map(r -> r.toInteger() == 1);
    }

    @Override
    public Uni<List<QueueEntry>> claim(String queue, int max, Duration visibility) {
        return eval(CLAIM, List.of(q(queue, "entries"), q(queue, "ready"), q(queue, "inflight")), max,
                Math.max(1, visibility.toMillis())).map(this::entries);
    }

    @Override
    public Uni<Void> ack(String queue, String id) {
        return eval(ACK, List.of(q(queue, "entries"), q(queue, "ready"), q(queue, "inflight")), id).replaceWithVoid();
    }

    @Override
    public Uni<Void> retryLater(String queue, String id, Duration delay, String reason) {
        return eval(RETRY_LATER, List.of(q(queue, "entries"), q(queue, "ready"), q(queue, "inflight")), id,
                Math.max(0, delay.toMillis()), reason == null ? "" : reason).replaceWithVoid();
    }

    @Override
    public Uni<Void> park(String queue, String id, String reason) {
        return eval(PARK, List.of(q(queue, "entries"), q(queue, "ready"), q(queue, "inflight"), q(queue, "parked")), id,
                reason == null ? "" : reason).replaceWithVoid();
    }

    @Override
    public Uni<List<QueueEntry>> parked(String queue, int max) {
        return send(Request.cmd(Command.HGETALL).arg(q(queue, "parked"))).map(r -> {
            List<String> flat = new ArrayList<>();
            if (r != null) {
                // RESP3 answers a map, RESP2 a flat list.
                if (r.getKeys() != null && !r.getKeys().isEmpty()) {
                    r.getKeys().stream().sorted().forEach(k -> {
                        flat.add(k);
                        flat.add(r.get(k).toString());
                    });
                } else {
                    r.forEach(item -> flat.add(item.toString()));
                }
            }
            List<QueueEntry> out = new ArrayList<>();
            for (int i = 0; i + 1 < flat.size() && out.size() < max; i += 2) {
                out.add(entry(flat.get(i), flat.get(i + 1)));
            }
            return out;
        });
    }

    @Override
    public Uni<Boolean> unpark(String queue, String id) {
        return eval(UNPARK, List.of(q(queue, "entries"), q(queue, "ready"), q(queue, "parked")), id)
                .map(r -> r.toInteger() == 1);
    }

    @Override
    public Uni<QueueDepth> depth(String queue) {
        return eval(DEPTH, List.of(q(queue, "ready"), q(queue, "inflight"), q(queue, "parked")))
                .map(r -> new QueueDepth(r.get(0).toLong(), r.get(1).toLong(), r.get(2).toLong()));
    }

    @Override
    public Uni<Void> ping() {
        return send(Request.cmd(Command.PING)).replaceWithVoid();
    }

    /** Runs a Lua script atomically; used by the shared rate budget as well. */
    public Uni<Response> eval(String script, List<String> keys, Object... args) {
        Request request = Request.cmd(Command.EVAL).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        for (Object arg : args) {
            request.arg(String.valueOf(arg));
        }
        return send(request);
    }

    private Uni<Response> send(Request request) {
        return redis.send(request);
    }

    private List<QueueEntry> entries(Response flat) {
        List<QueueEntry> out = new ArrayList<>();
        for (int i = 0; flat != null && i + 1 < flat.size(); i += 2) {
            out.add(entry(flat.get(i).toString(), flat.get(i + 1).toString()));
        }
        return out;
    }

    private QueueEntry entry(String id, String stored) {
        try {
            RedisEntry entry = json.readValue(stored, RedisEntry.class);
            String error = entry.lastError() == null || entry.lastError().isEmpty() ? null : entry.lastError();
            return new QueueEntry(id, entry.payload(), entry.attempts(), error);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable queue entry " + id, e);
        }
    }

    private String write(RedisEntry entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String kv(String key) {
        return PREFIX + "kv:" + key;
    }

    private static String q(String queue, String part) {
        return PREFIX + "q:" + queue + ":" + part;
    }
}
