package org.fundraising.twenty.schema;

import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.Terminal;
import org.fundraising.platform.TwentyConfig;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyWebhooks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code schema apply [--dry-run]}: brings the workspace at {@code TWENTY_API_BASE_URL} up to the declared data
 * model and prints what it created, what was already there and what conflicts. Exit 0 when the workspace is
 * complete, 1 when a conflict remains, 2 when it cannot run.
 */
@ApplicationScoped
public class SchemaCommand {

    /** Creating the whole model is about 200 metadata calls, paced by the gate (80 a minute by default). */
    private static final Duration LONGEST_RUN = Duration.ofMinutes(15);

    private final SchemaProvisioner provisioner;
    private final TwentyConfig twenty;
    private final TwentyWebhooks webhooks;
    private final FundraisingConfig config;

    SchemaCommand(SchemaProvisioner provisioner, TwentyConfig twenty, TwentyWebhooks webhooks, FundraisingConfig config) {
        this.provisioner = provisioner;
        this.twenty = twenty;
        this.webhooks = webhooks;
        this.config = config;
    }

    public int run(Terminal terminal, String... args) {
        PrintStream out = terminal.out();
        boolean dryRun = List.of(args).contains("--dry-run");
        if (args.length == 0 || !"apply".equals(args[0]) || args.length > (dryRun ? 2 : 1)) {
            terminal.err().println("usage: schema apply [--dry-run]");
            return 2;
        }
        if (twenty.embedded() || twenty.serviceKey().isEmpty()) {
            terminal.err().println("schema apply needs TWENTY_API_BASE_URL (e.g. https://crm.example.org/rest) and "
                    + "TWENTY_API_KEY (Settings → APIs & Webhooks in Twenty)");
            return 2;
        }
        List<SchemaProvisioner.Row> rows;
        try {
            rows = provisioner.apply(dryRun).await().atMost(LONGEST_RUN);
        } catch (RuntimeException e) {
            terminal.err().println("schema apply failed against " + twenty.configuredBaseUrl().orElseThrow() + ": " + e.getMessage());
            return 2;
        }
        int width = rows.stream().mapToInt(row -> row.name().length()).max().orElse(10) + 2;
        out.printf("%-" + width + "s%-12s%s%n", "NAME", "TYPE", "OUTCOME");
        rows.forEach(row -> out.printf("%-" + width + "s%-12s%s%n", row.name(), row.type(), row.outcome()));
        Map<String, Integer> counts = new TreeMap<>();
        rows.forEach(row -> counts.merge(row.outcome().startsWith(SchemaProvisioner.CONFLICT) ? SchemaProvisioner.CONFLICT
                : row.outcome(), 1, Integer::sum));
        out.println(webhookRow(dryRun, width));
        out.println();
        out.println((dryRun ? "plan for " : "") + twenty.configuredBaseUrl().orElseThrow() + ": "
                + String.join(", ", counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        return counts.containsKey(SchemaProvisioner.CONFLICT) ? 1 : 0;
    }

    /**
     * Twenty's gift webhook, which keeps donor totals true when people edit gifts in Twenty: registered when the
     * service's public address and the webhook secret are both set.
     */
    private String webhookRow(boolean dryRun, int width) {
        String row = "%-" + width + "s%-12s%s";
        if (config.publicUrl().isEmpty() || twenty.webhookSecret().isEmpty()) {
            return String.format(row, "gift webhook", "WEBHOOK", "not registered: set FUNDRAISING_PUBLIC_URL and TWENTY_WEBHOOK_SECRET");
        }
        String target = config.publicUrl().get().replaceAll("/+$", "") + TwentyWebhooks.RECEIVER_PATH;
        if (dryRun) {
            return String.format(row, target, "WEBHOOK", "registered unless there");
        }
        try {
            TwentyWebhooks.Registration registration = webhooks.ensure(TwentyCaller.system(Lane.INTERACTIVE, "schema.webhook"),
                    target, twenty.webhookSecret().get(), TwentyWebhooks.GIFT_OPERATIONS).await().atMost(LONGEST_RUN);
            return String.format(row, target, "WEBHOOK", registration.created() ? "created" : "exists");
        } catch (RuntimeException e) {
            return String.format(row, target, "WEBHOOK", "failed: " + e.getMessage());
        }
    }
}
