package org.fundraising.twenty;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.TwentyConfig;
import org.fundraising.twenty.schema.SchemaCheck;

/**
 * Ready means the circuit in front of Twenty is closed and Twenty's last metadata read (at most one a minute, on
 * the lowest lane) succeeded with the service key and found every object and field the service writes. Down
 * says why: circuit open, Twenty unreachable at its URL, the key refused, or the names missing.
 */
@Readiness
@ApplicationScoped
public class TwentyReadiness implements AsyncHealthCheck {

    private final SchemaCheck schema;
    private final TwentyCircuit circuit;
    private final FundraisingConfig config;
    private final String url;

    TwentyReadiness(SchemaCheck schema, TwentyCircuit circuit, FundraisingConfig config, TwentyConfig twenty) {
        this.schema = schema;
        this.circuit = circuit;
        this.config = config;
        this.url = twenty.configuredBaseUrl().orElse("the embedded emulator");
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (config.emulatorOnly()) {
            return Uni.createFrom().item(HealthCheckResponse.named("twenty").up().withData("role", "emulator").build());
        }
        if (!circuit.isClosed()) {
            return Uni.createFrom().item(HealthCheckResponse.named("twenty").down()
                    .withData("reason", "circuit open: Twenty's recent answers were errors or time-outs").build());
        }
        return schema.current().map(finding -> {
            HealthCheckResponseBuilder answer = HealthCheckResponse.named("twenty").withData("url", url)
                    .withData("checkedAt", finding.at().toString());
            if (finding.failure() != null) {
                return answer.down().withData("reason", why(finding.failure())).build();
            }
            if (!finding.missing().isEmpty()) {
                return answer.down().withData("reason", "schema incomplete: run `schema apply`")
                        .withData("missing", String.join(", ", finding.missing())).build();
            }
            return answer.up().build();
        });
    }

    private String why(Throwable failure) {
        if (failure instanceof TwentyException twenty) {
            return switch (twenty.kind()) {
                case AUTH -> "Twenty refused TWENTY_API_KEY (" + twenty.getMessage() + ")";
                case NOT_CONFIGURED -> "TWENTY_API_KEY is not set";
                case UNAVAILABLE -> "Twenty unreachable at " + url + ": " + twenty.getMessage();
                default -> "Twenty at " + url + " answered: " + twenty.getMessage();
            };
        }
        return "Twenty unreachable at " + url + ": " + failure.getMessage();
    }
}
