package org.fundraising;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import org.fundraising.platform.ConnectionLimits;
import org.fundraising.platform.RequestPipeline;
import org.fundraising.platform.Terminal;
import org.fundraising.smoke.SmokeCommand;
import org.fundraising.twenty.schema.SchemaCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * With no arguments the jar serves the fundraising API. With arguments it runs one command and exits with its
 * status: {@code schema apply [--dry-run]}, {@code smoke gifts|gift-batch|webhooks|rollups}. A command serves no HTTP, keeps its logs to warnings so its report
 * reads plainly, and uses a data directory of its own, so it can run beside the service on the same host.
 */
@QuarkusMain
public class FundraisingMain implements QuarkusApplication {

    static final String USAGE = "usage: java -jar quarkus-run.jar [schema apply [--dry-run] | smoke gifts|gift-batch|webhooks|rollups "
            + "[--base=URL] [--token=TOKEN]]";

    @Inject
    SchemaCommand schema;

    @Inject
    SmokeCommand smoke;

    public static void main(String... args) {
        System.setProperty(RequestPipeline.URI_CHECK_OFF, "true");
        ConnectionLimits.apply(System.getenv());
        if (args.length > 0) {
            System.setProperty("quarkus.http.host-enabled", "false");
            // The management interface cannot be switched off at run time: a command's takes a free loopback port,
            // so it never collides with the service's own on the same host.
            System.setProperty("quarkus.management.host", "127.0.0.1");
            System.setProperty("quarkus.management.port", "0");
            System.setProperty("quarkus.log.level", "WARN");
            try {
                System.setProperty("fundraising.data-dir", Files.createTempDirectory("fundraising-command").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Quarkus.run(FundraisingMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Terminal terminal = new Terminal(System.out, System.err);
        if ("schema".equals(args[0])) {
            return schema.run(terminal, rest);
        }
        if ("smoke".equals(args[0])) {
            return smoke.run(terminal, rest);
        }
        terminal.err().println(USAGE);
        return 2;
    }
}
