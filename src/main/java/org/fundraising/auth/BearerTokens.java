package org.fundraising.auth;

import java.util.List;

/** Reads the caller's token: {@code Authorization: Bearer <t>} (any case), else the first non-empty {@code ?token=}. */
final class BearerTokens {

    private BearerTokens() {
    }

    static String from(String authorization, List<String> queryTokens) {
        if (authorization != null) {
            String value = authorization.trim();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = value.substring(7).trim();
                if (!token.isEmpty()) {
                    return token;
                }
            }
        }
        for (String candidate : queryTokens) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.trim();
            }
        }
        return null;
    }
}
