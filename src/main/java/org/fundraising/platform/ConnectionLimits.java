package org.fundraising.platform;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Map;

/**
 * How many connections the service's port holds at once. Every connection takes one of the process's open files;
 * when sockets that never finish their headers took them all, nothing else could open one: the management port's
 * probes, calls to Twenty and Redis, log files. So the port takes at most the open-files limit less a reserve for
 * all of that (a connection over the limit is closed at once), unless {@code FUNDRAISING_HTTP_MAX_CONNECTIONS}
 * says otherwise. Set when the process starts, before the server reads its settings.
 */
public final class ConnectionLimits {

    public static final String SETTING = "quarkus.http.limits.max-connections";
    static final String ENV = "FUNDRAISING_HTTP_MAX_CONNECTIONS";
    /** Open files kept for everything but the service port's connections. */
    static final long RESERVE = 1024;
    /** Below this, a low open-files limit is the deployment's to raise; the port still takes this many. */
    static final int FLOOR = 256;

    private ConnectionLimits() {
    }

    /** Sets the limit as a system property unless the deployment set one (as FUNDRAISING_… or Quarkus' own name). */
    public static void apply(Map<String, String> env) {
        if (System.getProperty(SETTING) != null || env.containsKey("QUARKUS_HTTP_LIMITS_MAX_CONNECTIONS")) {
            return;
        }
        String chosen = env.get(ENV);
        System.setProperty(SETTING, chosen != null && !chosen.isBlank() ? chosen.trim()
                : String.valueOf(forOpenFiles(openFilesLimit())));
    }

    static int forOpenFiles(long limit) {
        if (limit <= 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(FLOOR, Math.min(Integer.MAX_VALUE, limit - RESERVE));
    }

    /** The process's open-files limit; 0 where the platform does not tell. */
    private static long openFilesLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : 0;
    }
}
