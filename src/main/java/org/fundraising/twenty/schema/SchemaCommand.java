package org.fundraising.twenty.schema;

import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.Terminal;
import org.fundraising.platform.TwentyConfig;

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

    SchemaCommand(SchemaProvisioner provisioner, TwentyConfig twenty) {
        this.provisioner = provisioner;
        this.twenty = twenty;
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
        out.println();
        out.println((dryRun ? "plan for " : "") + twenty.configuredBaseUrl().orElseThrow() + ": "
                + String.join(", ", counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        return counts.containsKey(SchemaProvisioner.CONFLICT) ? 1 : 0;
    }
}
