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

    /** Registering the webhook is a read and a write at most, paced by the gate. */
    private static final Duration LONGEST_RUN = Duration.ofMinutes(15);
    /** The longest declared name ({@code object.field}), so that every row's columns line up. */
    private static final int NAME_WIDTH = FundraisingSchema.OBJECTS.stream().mapToInt(object -> object.singular().length() + 1
            + object.writableNames().stream().mapToInt(String::length).max().orElse(0)).max().orElse(30);

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
        String base = twenty.configuredBaseUrl().orElseThrow();
        Map<String, Integer> counts = new TreeMap<>();
        out.println(line("NAME", "TYPE", "OUTCOME"));
        SchemaProvisioner.Row failed = null;
        try {
            // Each row is printed as soon as it is settled: a run cut short still shows what it did.
            for (SchemaProvisioner.Row row : provisioner.apply(dryRun).subscribe().asIterable()) {
                out.println(line(row.name(), row.type(), row.outcome()));
                out.flush();
                counts.merge(row.outcome().startsWith(SchemaProvisioner.CONFLICT) ? SchemaProvisioner.CONFLICT
                        : row.failed() ? SchemaProvisioner.FAILED : row.outcome(), 1, Integer::sum);
                if (row.failed()) {
                    failed = row;
                }
            }
        } catch (RuntimeException e) {
            terminal.err().println("schema apply failed against " + base + ": " + e.getMessage());
            return 2;
        }
        if (failed != null) {
            terminal.err().println("schema apply stopped at " + failed.name() + " (" + failed.type() + ") against " + base
                    + ": " + failed.outcome().substring(SchemaProvisioner.FAILED.length() + 2));
            return 2;
        }
        out.println(webhookRow(dryRun));
        out.println();
        out.println((dryRun ? "plan for " : "") + base + ": "
                + String.join(", ", counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        return counts.containsKey(SchemaProvisioner.CONFLICT) ? 1 : 0;
    }

    /** One line of the table: columns as wide as the declared model's longest name, always one space apart. */
    private static String line(String name, String type, String outcome) {
        return String.format("%-" + NAME_WIDTH + "s %-11s %s", name, type, outcome);
    }

    /**
     * Twenty's gift webhook, which keeps donor totals true when people edit gifts in Twenty: registered when the
     * service's public address and the webhook secret are both set.
     */
    private String webhookRow(boolean dryRun) {
        if (config.publicUrl().isEmpty() || twenty.webhookSecret().isEmpty()) {
            return line("gift webhook", "WEBHOOK", "not registered: set FUNDRAISING_PUBLIC_URL and TWENTY_WEBHOOK_SECRET");
        }
        String target = config.publicUrl().get().replaceAll("/+$", "") + TwentyWebhooks.RECEIVER_PATH;
        if (dryRun) {
            return line(target, "WEBHOOK", "registered unless there");
        }
        try {
            TwentyWebhooks.Registration registration = webhooks.ensure(TwentyCaller.system(Lane.INTERACTIVE, "schema.webhook"),
                    target, twenty.webhookSecret().get(), TwentyWebhooks.GIFT_OPERATIONS).await().atMost(LONGEST_RUN);
            String outcome = registration.created() ? "created" : "exists";
            return line(target, "WEBHOOK", registration.removed() == 0 ? outcome
                    : outcome + "; " + registration.removed() + " other webhook(s) at this address removed");
        } catch (RuntimeException e) {
            return line(target, "WEBHOOK", "failed: " + e.getMessage());
        }
    }
}
