package org.fundraising.platform.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;

import java.nio.file.Path;

/** Chooses the store (Redis when {@code FUNDRAISING_REDIS_URL} is set, else embedded) and opens it at start-up. */
@ApplicationScoped
public class OperationalStores {

    @Produces
    @Singleton
    OperationalStore store(FundraisingConfig config, ObjectMapper json, Instance<Redis> redis) {
        if (config.redisUrl().filter(url -> !url.isBlank()).isPresent()) {
            return new RedisStore(redis.get(), json);
        }
        return EmbeddedStore.open(Path.of(config.dataDir()), json);
    }

    void close(@Disposes OperationalStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** A store that cannot be opened (directory not writable, locked by another instance) stops start-up here. */
    void openAtStartup(@Observes StartupEvent startup, FundraisingConfig config, Instance<OperationalStore> store) {
        if (config.emulatorOnly()) {
            return;
        }
        OperationalStore opened = store.get();
        LogEvent.of(OperationalStores.class, "operational_store_opened").with("kind", opened.kind())
                .with("dataDir", "embedded".equals(opened.kind()) ? Path.of(config.dataDir()).toAbsolutePath() : null)
                .info("operational store ready");
    }
}
