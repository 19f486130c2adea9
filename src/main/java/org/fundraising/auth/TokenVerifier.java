package org.fundraising.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.LocalCallers;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.RequestIds;
import org.fundraising.twenty.TokenTrust;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a caller's token through once Twenty has accepted it. A token Twenty accepted recently passes at once; one
 * it refused is refused here (no Twenty call); a new one is checked with one small Twenty read, paid from the
 * {@link VerificationBudget} (429 with Retry-After when that is spent). Requests that arrive together with the
 * same new token share one check.
 */
@ApplicationScoped
class TokenVerifier {

    private final TokenTrust trust;
    private final VerificationBudget budget;
    private final TwentyClient twenty;
    private final TwentyCallers callers;
    private final Map<String, Uni<Void>> checking = new ConcurrentHashMap<>();

    TokenVerifier(TokenTrust trust, VerificationBudget budget, TwentyClient twenty, TwentyCallers callers) {
        this.trust = trust;
        this.budget = budget;
        this.twenty = twenty;
        this.callers = callers;
    }

    /** Completes when the request's token may be used; fails with the 401/403/429/503 the caller gets. */
    Uni<Void> admit(RoutingContext request, String token) {
        return switch (trust.standing(token)) {
            case ACCEPTED -> Uni.createFrom().voidItem();
            case REFUSED -> Uni.createFrom().failure(refused(trust.refusalOf(token)));
            case UNKNOWN -> check(request, token);
        };
    }

    private Uni<Void> check(RoutingContext request, String token) {
        String hash = TokenTrust.hash(token);
        Uni<Void> running = checking.get(hash);
        if (running != null) {
            return running;
        }
        String address = LocalCallers.address(request.request());
        Duration wait = budget.take(address);
        if (!wait.isZero()) {
            LogEvent.of(TokenVerifier.class, "auth_verification_shed").with("requestId", RequestIds.of(request))
                    .with("waitMs", wait.toMillis()).info("new token not checked: the verification budget is spent");
            return Uni.createFrom().failure(new ApiException(429, "Too many new sign-ins at once: this token has not "
                    + "been checked with Twenty yet; try again shortly", List.of(), wait));
        }
        Uni<Void> shared = twenty.verifyToken(callers.forRequest(request, "auth.verify"))
                .onTermination().invoke(() -> checking.remove(hash))
                .memoize().indefinitely();
        Uni<Void> existing = checking.putIfAbsent(hash, shared);
        return existing != null ? existing : shared;
    }

    /** Twenty's own answer to the token, remembered: 401 from Twenty 2.21 for a token it does not know. */
    private static ApiException refused(int twentyStatus) {
        return new ApiException(twentyStatus == 401 ? 401 : 403, "Twenty rejected the credentials");
    }
}
