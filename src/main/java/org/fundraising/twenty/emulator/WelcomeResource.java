package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.OpenRoute;
import org.fundraising.platform.SecurityHeaders;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * With the embedded emulator there is no Twenty sign-in page, so {@code /welcome} stands in for it: one button that
 * sets Twenty's {@code tokenPair} session cookie with the emulator's key, then returns to where the user was going.
 */
@Path("/welcome")
@OpenRoute("the sign-in stand-in of the embedded mode: nobody has a token yet")
public class WelcomeResource {

    private final TwentyEmulator emulator;
    private final ObjectMapper json;

    WelcomeResource(TwentyEmulator emulator, ObjectMapper json) {
        this.emulator = emulator;
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> page(@QueryParam("redirect") String redirect, @Context HttpServerRequest request) {
        requireEmulator(request);
        String target = safeRedirect(redirect).replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
        // Sent with the screens' headers: it hands out a session, so no other site may frame it.
        return Uni.createFrom().item(SecurityHeaders.on(Response.ok("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Sign in – local Twenty emulator</title></head>
                <body><h1>Local sign-in</h1>
                <p>This service runs with its embedded Twenty emulator, so there is no real Twenty account to sign in
                with. Continue to use the emulator's key as your session.</p>
                <form method="post" action="/welcome"><input type="hidden" name="redirect" value="%s">
                <button type="submit">Continue</button></form></body></html>
                """.formatted(target)).type("text/html; charset=utf-8")).build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signIn(@FormParam("redirect") String redirect, @Context HttpServerRequest request) {
        requireEmulator(request);
        String expiresAt = Instant.now().plus(365, ChronoUnit.DAYS).toString();
        ObjectNode pair = json.createObjectNode();
        pair.putObject("accessOrWorkspaceAgnosticToken").put("token", emulator.apiKey()).put("expiresAt", expiresAt);
        pair.putObject("refreshToken").put("token", emulator.apiKey()).put("expiresAt", expiresAt);
        String cookie = "tokenPair=" + URLEncoder.encode(pair.toString(), StandardCharsets.UTF_8)
                + "; Path=/; SameSite=Lax; Max-Age=31536000";
        // A relative Location: an absolute one would be built from the request's Host, which the caller chose.
        return Uni.createFrom().item(Response.status(303).header("Location", safeRedirect(redirect))
                .header("Set-Cookie", cookie).build());
    }

    /** The page hands out the emulator's key, so it serves only this machine unless remote access is on. */
    private void requireEmulator(HttpServerRequest request) {
        if (!emulator.enabled()) {
            throw ApiException.notFound("Sign in through Twenty: this service is connected to a real Twenty");
        }
        if (!emulator.servesRemoteCallers() && !emulator.isLocal(request)) {
            throw new ApiException(403, "Local sign-in works only on this machine "
                    + "(set FUNDRAISING_EMULATOR_REMOTE_ACCESS=true to open it)");
        }
    }

    /**
     * Only a path on this host made of URL characters (no spaces, controls or backslashes), so the page can neither
     * send people elsewhere nor fail on what it was given; anything else goes to the admin UI.
     */
    static String safeRedirect(String redirect) {
        if (redirect == null || redirect.length() > 2000 || !SAFE_PATH.matcher(redirect).matches() || redirect.startsWith("//")) {
            return "/fundraising/";
        }
        return redirect;
    }

    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*");
}
