package org.fundraising.twenty;

import io.smallrye.mutiny.Uni;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.store.RedisStore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gate's bucket and 429 pause shared by every replica that uses the same Twenty key: one Redis hash per key,
 * changed only by Lua scripts (atomic), on Redis' clock so replicas' clocks need not agree.
 */
public final class RedisRateBudget implements RateBudget {

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
            """;

    /** KEYS: bucket. ARGV: rate per minute, burst, tokens to add (1 = give back, -1 = take, 0 = just read). */
    private static final String TAKE = NOW + """
            local rate = tonumber(ARGV[1]) / 60000.0
            local burst = tonumber(ARGV[2])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts', 'pausedUntil')
            local tokens = tonumber(state[1]) or burst
            local ts = tonumber(state[2]) or now
            local paused = tonumber(state[3]) or 0
            tokens = math.min(burst, tokens + math.max(0, now - ts) * rate)
            local wait = 0
            local delta = tonumber(ARGV[3])
            if delta > 0 then
              tokens = math.min(burst, tokens + delta)
            elseif delta < 0 then
              if paused > now then
                wait = paused - now
              elseif tokens >= 1 then
                tokens = tokens - 1
              else
                wait = (1 - tokens) / rate
              end
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
            redis.call('PEXPIRE', KEYS[1], 3600000)
            return {math.ceil(wait * 1000), math.floor(tokens), math.ceil(math.max(0, paused - now))}
            """;

    /** KEYS: bucket. ARGV: pause ms. */
    private static final String PAUSE = NOW + """
            local paused = tonumber(redis.call('HGET', KEYS[1], 'pausedUntil')) or 0
            redis.call('HSET', KEYS[1], 'pausedUntil', tostring(math.max(paused, now + tonumber(ARGV[1]))))
            redis.call('PEXPIRE', KEYS[1], 3600000)
            return 1
            """;

    private final RedisStore redis;
    private final String key;
    private final int ratePerMinute;
    private final int burst;
    private volatile long lastKnownTokens;
    private volatile long lastKnownPauseMs;

    public RedisRateBudget(RedisStore redis, String budgetKey, int ratePerMinute, int burst) {
        this.redis = redis;
        this.key = "fundraising:gate:" + budgetKey;
        this.ratePerMinute = Math.max(1, ratePerMinute);
        this.burst = Math.max(1, burst);
        this.lastKnownTokens = this.burst;
    }

    @Override
    public Uni<Long> tryTake() {
        return run(-1);
    }

    @Override
    public void giveBack() {
        run(1).subscribe().with(ignored -> { }, failure -> { });
    }

    @Override
    public void pause(Duration duration) {
        redis.eval(PAUSE, List.of(key), duration.toMillis()).subscribe().with(ignored -> { },
                failure -> LogEvent.of(RedisRateBudget.class, "twenty_gate_pause_not_shared")
                        .with("reason", failure.getMessage()).warn("could not share the 429 pause through Redis"));
    }

    @Override
    public long available() {
        return lastKnownTokens;
    }

    @Override
    public long pausedForMillis() {
        return lastKnownPauseMs;
    }

    @Override
    public double ratePerSecond() {
        return ratePerMinute / 60.0;
    }

    private Uni<Long> run(int delta) {
        return redis.eval(TAKE, List.of(key), ratePerMinute, burst, delta).map(reply -> {
            lastKnownTokens = reply.get(1).toLong();
            lastKnownPauseMs = reply.get(2).toLong();
            return TimeUnit.MICROSECONDS.toNanos(reply.get(0).toLong());
        });
    }
}
