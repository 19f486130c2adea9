package org.fundraising.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Twenty's {@code tokenPair} cookie: URL-encoded JSON holding the person's access token. */
final class SessionCookie {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONGEST = 16_384;

    private SessionCookie() {
    }

    /** The access token, or null when the cookie holds none (or is not Twenty's JSON). */
    static String accessToken(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > LONGEST) {
            return null;
        }
        try {
            JsonNode pair = JSON.readTree(URLDecoder.decode(cookie, StandardCharsets.UTF_8));
            String token = pair == null ? "" : pair.path("accessOrWorkspaceAgnosticToken").path("token").asText("");
            return token.isBlank() ? null : token.trim();
        } catch (Exception notAPair) {
            return null;
        }
    }
}
