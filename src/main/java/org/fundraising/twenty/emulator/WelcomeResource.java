package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.fundraising.platform.ApiException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * With the embedded emulator there is no Twenty sign-in page, so {@code /welcome} stands in for it: one button that
 * sets Twenty's {@code tokenPair} session cookie with the emulator's key, then returns to where the user was going.
 */
@Path("/welcome")
public class WelcomeResource {

    private final TwentyEmulator emulator;
    private final ObjectMapper json;

    WelcomeResource(TwentyEmulator emulator, ObjectMapper json) {
        this.emulator = emulator;
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> page(@QueryParam("redirect") String redirect) {
        requireEmulator();
        String target = safeRedirect(redirect).replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
        return Uni.createFrom().item("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Sign in – local Twenty emulator</title>
                <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}
                button{font-size:1rem;padding:.6rem 1.2rem}</style></head>
                <body><h1>Local sign-in</h1>
                <p>This service runs with its embedded Twenty emulator, so there is no real Twenty account to sign in
                with. Continue to use the emulator's key as your session.</p>
                <form method="post" action="/welcome"><input type="hidden" name="redirect" value="%s">
                <button type="submit">Continue</button></form></body></html>
                """.formatted(target));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signIn(@FormParam("redirect") String redirect) {
        requireEmulator();
        String expiresAt = Instant.now().plus(365, ChronoUnit.DAYS).toString();
        ObjectNode pair = json.createObjectNode();
        pair.putObject("accessOrWorkspaceAgnosticToken").put("token", emulator.apiKey()).put("expiresAt", expiresAt);
        pair.putObject("refreshToken").put("token", emulator.apiKey()).put("expiresAt", expiresAt);
        String cookie = "tokenPair=" + URLEncoder.encode(pair.toString(), StandardCharsets.UTF_8)
                + "; Path=/; SameSite=Lax; Max-Age=31536000";
        return Uni.createFrom().item(Response.seeOther(URI.create(safeRedirect(redirect)))
                .header("Set-Cookie", cookie).build());
    }

    private void requireEmulator() {
        if (!emulator.enabled()) {
            throw ApiException.notFound("Sign in through Twenty: this service is connected to a real Twenty");
        }
    }

    /** Only paths on this host, so the page cannot be used to send people elsewhere. */
    static String safeRedirect(String redirect) {
        if (redirect == null || !redirect.startsWith("/") || redirect.startsWith("//") || redirect.contains("\\")) {
            return "/fundraising/";
        }
        return redirect;
    }
}
