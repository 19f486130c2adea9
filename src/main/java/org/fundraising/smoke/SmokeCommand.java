package org.fundraising.smoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.Terminal;
import org.fundraising.platform.TwentyConfig;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code smoke gifts}, {@code smoke gift-batch}, {@code smoke webhooks} and {@code smoke rollups}: end-to-end checks of a running deployment through its API, as
 * its clients call it, ending with the Twenty-call ledger. Exit 0 when every check passed, 1 when one failed,
 * 3 when none failed but a check could not be made here (reported as skipped, never as passed), 2 on bad usage.
 */
@ApplicationScoped
public class SmokeCommand {

    private static final int MAX_ROWS = 600;
    private static final int DEFAULT_MANAGEMENT_PORT = 9000;

    private final ObjectMapper json;
    private final TwentyConfig twenty;

    SmokeCommand(ObjectMapper json, TwentyConfig twenty) {
        this.json = json;
        this.twenty = twenty;
    }

    public int run(Terminal terminal, String... args) {
        Map<String, String> options = options(args);
        String flow = args.length == 0 ? "" : args[0];
        if (!List.of("gifts", "gift-batch", "webhooks", "rollups").contains(flow) || options.containsKey("help")) {
            terminal.err().println("usage: smoke gifts|gift-batch|webhooks|rollups [--base=URL] [--token=TOKEN] [--rows=N] [--scenario=NAME] "
                    + "[--stripe-secret=SECRET] [--metrics=URL]\n"
                    + "  --base: the gateway or the service itself, without /api/fundraising (or GATEWAY_BASE)\n"
                    + "  --metrics: the service's Prometheus metrics on its management port, for the call ledger (or SMOKE_METRICS_URL;\n"
                    + "    default the --base host on port 9000)\n"
                    + "  --token: a Twenty API key or session token (or SMOKE_AUTH_TOKEN, else TWENTY_API_KEY)\n"
                    + "  gift-batch: --rows=1.." + MAX_ROWS + " (30), --scenario=" + String.join("|", GiftBatchSmoke.SCENARIOS) + "|all (all)\n"
                    + "  webhooks: --stripe-secret: the deployment's STRIPE_WEBHOOK_SECRET (or STRIPE_WEBHOOK_SECRET); "
                    + "the events are signed with it");
            return 2;
        }
        List<String> scenarios = scenarios(options.getOrDefault("scenario", "all"));
        Integer rows = rows(options.getOrDefault("rows", "30"));
        if ("gift-batch".equals(flow) && (scenarios == null || rows == null)) {
            terminal.err().println("--scenario is one of " + String.join(", ", GiftBatchSmoke.SCENARIOS) + " or all; --rows is 1 to " + MAX_ROWS);
            return 2;
        }
        String base = Optional.ofNullable(options.get("base")).or(() -> env("GATEWAY_BASE")).orElse("http://localhost:4500");
        String token = Optional.ofNullable(options.get("token")).or(() -> env("SMOKE_AUTH_TOKEN"))
                .or(twenty::serviceKey).orElse(TwentyConfig.EMULATOR_DEFAULT_KEY);
        String metrics = Optional.ofNullable(options.get("metrics")).or(() -> env("SMOKE_METRICS_URL"))
                .orElseGet(() -> managementMetrics(base));
        SmokeClient client = new SmokeClient(json, base, token, metrics);
        SmokeChecks checks = new SmokeChecks(terminal.out());
        Ledger before = Ledger.read(client.metrics());
        terminal.out().println("smoke " + flow + " against " + client.base());
        try {
            if ("gifts".equals(flow)) {
                new GiftsSmoke(client, checks, terminal.out()).run();
            } else if ("rollups".equals(flow)) {
                new RollupsSmoke(client, checks).run();
            } else if ("webhooks".equals(flow)) {
                Optional<String> secret = Optional.ofNullable(options.get("stripe-secret")).or(() -> env("STRIPE_WEBHOOK_SECRET"));
                if (secret.isEmpty()) {
                    checks.skipped("webhooks", "no --stripe-secret (or STRIPE_WEBHOOK_SECRET) to sign the test events with");
                } else {
                    new WebhooksSmoke(client, checks, secret.get()).run();
                }
            } else {
                GiftBatchSmoke batches = new GiftBatchSmoke(client, checks);
                for (String scenario : scenarios) {
                    batches.run(scenario, rows);
                }
            }
        } catch (IOException e) {
            checks.fail("the service at " + client.base() + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checks.fail("interrupted");
        }
        String after = client.metrics();
        terminal.out().println(after.isEmpty() ? "ledger: not available (no metrics at " + client.metricsUrl() + "; --metrics=URL)"
                : Ledger.read(after).since(before).describe());
        terminal.out().println(checks.summary("smoke " + flow));
        return checks.exitStatus();
    }

    private static List<String> scenarios(String value) {
        if ("all".equals(value)) {
            return GiftBatchSmoke.SCENARIOS;
        }
        return GiftBatchSmoke.SCENARIOS.contains(value) ? List.of(value) : null;
    }

    private static Integer rows(String value) {
        try {
            int rows = Integer.parseInt(value.trim());
            return rows >= 1 && rows <= MAX_ROWS ? rows : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The management port's metrics on the host of {@code base}: where the service itself is the base. */
    private static String managementMetrics(String base) {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getHost() + ":" + DEFAULT_MANAGEMENT_PORT + "/q/metrics";
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static Map<String, String> options(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                options.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals), equals < 0 ? "" : arg.substring(equals + 1));
            }
        }
        return options;
    }
}
