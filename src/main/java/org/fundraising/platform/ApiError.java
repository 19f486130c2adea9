package org.fundraising.platform;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.List;

/** The one error body of this service, for every 4xx and 5xx. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record ApiError(int statusCode, String error, String message, List<?> details, String requestId) {

    public static ApiError of(int status, String message, List<?> details, String requestId) {
        return new ApiError(status, HttpResponseStatus.valueOf(status).reasonPhrase(), message,
                details == null || details.isEmpty() ? null : details, requestId);
    }
}
