package org.fundraising.platform;

import jakarta.ws.rs.core.Response;

/**
 * What a browser is told about the admin screens: scripts, styles and calls only from this origin, never inside a
 * frame (the screens act with the person's Twenty session, so no other site may overlay them), no guessing of
 * content types, and no address sent to other sites.
 */
public final class SecurityHeaders {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private SecurityHeaders() {
    }

    public static Response.ResponseBuilder on(Response.ResponseBuilder response) {
        return response.header("Content-Security-Policy", POLICY)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }
}
