package org.fundraising.ui;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.platform.OpenRoute;
import org.fundraising.platform.SecurityHeaders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The admin screens at {@code /fundraising/}: a page and a few scripts and styles bundled in the service (nothing is
 * fetched from elsewhere at run time). Assets are served to anyone; the page only with a Twenty session (a
 * {@code tokenPair} cookie with a token, or a bearer or {@code ?token=} token), else the browser is sent to
 * {@code /welcome?redirect=…} to sign in, as Twenty's own screens do. The API the page calls checks the token itself.
 */
@Path("/fundraising")
@Tag(name = "admin screens")
@OpenRoute("the page and its assets are public files; the session is checked here and every API call checks its token")
public class AdminUiResource {

    private static final Pattern ASSET = Pattern.compile("[a-z][a-z0-9-]*\\.(js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml");
    private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();
    /** A non-empty access or refresh token inside Twenty's {@code tokenPair} JSON. */
    private static final Pattern TOKEN_IN_PAIR = Pattern.compile(
            "\"(accessOrWorkspaceAgnosticToken|refreshToken)\"\\s*:\\s*\\{[^}]*\"token\"\\s*:\\s*\"[^\"]+\"");

    /** {@code /fundraising} moves to {@code /fundraising/}, so the page's relative addresses resolve under it. */
    @GET
    @Operation(hidden = true)
    public Response page(@HeaderParam("Authorization") String authorization, @QueryParam("token") String token,
                         @Context HttpServerRequest request) {
        if (!request.path().endsWith("/")) {
            return Response.status(301).header("Location", "/fundraising/").build();
        }
        return pageOrSignIn(authorization, token, request);
    }

    @GET
    @Path("{path: .+}")
    @Operation(hidden = true)
    public Response anyPath(@PathParam("path") String path, @HeaderParam("Authorization") String authorization,
                            @QueryParam("token") String token, @Context HttpServerRequest request) {
        if (path.startsWith("assets/")) {
            return asset(path.substring("assets/".length()));
        }
        return pageOrSignIn(authorization, token, request);
    }

    private static Response pageOrSignIn(String authorization, String token, HttpServerRequest request) {
        if (!hasSession(authorization, token, request.getCookie("tokenPair"))) {
            String back = request.uri();
            // A relative Location: an absolute one would be built from the request's Host, which the caller chose.
            return Response.status(302).header("Location", "/welcome?redirect=" + URLEncoder.encode(back, StandardCharsets.UTF_8))
                    .build();
        }
        return SecurityHeaders.on(Response.ok(file("index.html")).type("text/html; charset=utf-8")).build();
    }

    private static Response asset(String name) {
        if (!ASSET.matcher(name).matches()) {
            return Response.status(404).build();
        }
        byte[] content = file(name);
        if (content == null) {
            return Response.status(404).build();
        }
        return SecurityHeaders.on(Response.ok(content).type(TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                .header("Cache-Control", "no-cache")).build();
    }

    /**
     * The session indicator Twenty's screens leave: a token sent with the request, or the {@code tokenPair} cookie
     * (URL-encoded JSON) holding an access or refresh token. Whether the token is good is for the API to say.
     */
    static boolean hasSession(String authorization, String token, Cookie tokenPair) {
        if ((authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) && authorization.length() > 7)
                || (token != null && !token.isBlank())) {
            return true;
        }
        if (tokenPair == null) {
            return false;
        }
        return TOKEN_IN_PAIR.matcher(URLDecoder.decode(tokenPair.getValue(), StandardCharsets.UTF_8)).find();
    }

    private static byte[] file(String name) {
        return FILES.computeIfAbsent(name, key -> {
            try (InputStream in = AdminUiResource.class.getClassLoader().getResourceAsStream("ui/" + key)) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
