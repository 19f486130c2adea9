package org.fundraising.chaos;

import org.fundraising.support.ServiceProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's own retry and 429 counters, read from its management port every second. A killed process takes
 * its counters with it, so each life's last reading is kept and the lives are added up (what happened in the last
 * second before a kill is missed: the figures are a floor).
 */
final class ServiceMeters {

    private static final Pattern SAMPLE = Pattern.compile("^(fundraising_twenty_retries|fundraising_twenty_rate_limited)_total\\{[^}]*}\\s+([0-9.eE+-]+)$",
            Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private ScheduledFuture<?> following;
    private double retriesBefore;
    private double limitedBefore;
    private volatile double retriesNow;
    private volatile double limitedNow;

    synchronized void follow(ServiceProcess service) {
        retriesNow = 0;
        limitedNow = 0;
        following = sampler.scheduleAtFixedRate(() -> read(service), 0, 1, TimeUnit.SECONDS);
    }

    synchronized void stop() {
        if (following != null) {
            following.cancel(false);
            following = null;
            retriesBefore += retriesNow;
            limitedBefore += limitedNow;
            retriesNow = 0;
            limitedNow = 0;
        }
    }

    long retries() {
        return Math.round(retriesBefore + retriesNow);
    }

    long rateLimited() {
        return Math.round(limitedBefore + limitedNow);
    }

    private void read(ServiceProcess service) {
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create(service.management() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
            double retries = 0;
            double limited = 0;
            Matcher sample = SAMPLE.matcher(text);
            while (sample.find()) {
                double value = Double.parseDouble(sample.group(2));
                if (sample.group(1).endsWith("retries")) {
                    retries += value;
                } else {
                    limited += value;
                }
            }
            retriesNow = retries;
            limitedNow = limited;
        } catch (Exception notNow) {
            // between lives, or busy: the next reading will do
        }
    }
}
