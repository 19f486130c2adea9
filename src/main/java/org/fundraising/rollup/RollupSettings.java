package org.fundraising.rollup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import org.fundraising.platform.Milliseconds;

import java.time.Duration;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;

/** How donor totals are kept ({@code FUNDRAISING_ROLLUP_…}). */
@ConfigMapping(prefix = "fundraising.rollup")
public interface RollupSettings {

    /** The cron of the nightly full rebuild (Quarkus' six-field cron, default 02:30 every day); {@code off} turns it off. */
    String DEFAULT_REBUILD_CRON = "0 30 2 * * ?";

    /**
     * When the full rebuild runs ({@code FUNDRAISING_ROLLUP_REBUILD_CRON}): the safety net that puts right what an
     * incremental recompute missed (a webhook Twenty did not deliver) and rolls year-to-date over at the fiscal year's start.
     */
    @WithDefault(DEFAULT_REBUILD_CRON)
    String rebuildCron();

    /**
     * The first day of the fiscal year as {@code MM-DD} ({@code FUNDRAISING_ROLLUP_FISCAL_YEAR_START}, default
     * {@code 01-01}; many UK charities use {@code 04-01}).
     */
    @WithName("fiscal-year-start")
    @WithDefault("01-01")
    String fiscalYearStartText();

    /**
     * Whether gift changes are followed by a recompute of the totals they touch ({@code FUNDRAISING_ROLLUP_INCREMENTAL},
     * default true); off, totals change only by rebuilds.
     */
    @WithDefault("true")
    boolean incremental();

    /** How often waiting recomputes are looked for ({@code FUNDRAISING_ROLLUP_POLL_MS}, default 2000). */
    @WithName("poll-ms")
    @WithConverter(Milliseconds.class)
    @WithDefault("2000")
    Duration poll();

    default MonthDay fiscalYearStart() {
        return MonthDay.parse(fiscalYearStartText(), DateTimeFormatter.ofPattern("MM-dd"));
    }
}
