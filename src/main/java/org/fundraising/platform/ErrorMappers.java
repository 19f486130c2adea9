package org.fundraising.platform;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Every failure becomes an {@link ApiError}; no stack trace reaches a client. */
public class ErrorMappers {

    @ServerExceptionMapper
    public RestResponse<ApiError> api(ApiException e, RoutingContext ctx) {
        RestResponse.ResponseBuilder<ApiError> response = RestResponse.ResponseBuilder
                .<ApiError>create(e.status())
                .entity(ApiError.of(e.status(), e.getMessage(), e.details(), RequestIds.of(ctx)))
                .type(MediaType.APPLICATION_JSON_TYPE);
        if (e.retryAfter() != null) {
            response.header("Retry-After", ApiException.wholeSeconds(e.retryAfter()));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> web(WebApplicationException e, RoutingContext ctx) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> HttpErrors.noRoute(ctx.request().method().name(), ctx.normalizedPath());
            case 405 -> HttpErrors.METHOD_NOT_ALLOWED;
            case 406 -> "Not acceptable: this route answers application/json";
            case 413 -> HttpErrors.TOO_LARGE;
            case 415 -> "Unsupported content type " + SafeText.echo(headerOrNone(ctx, HttpHeaders.CONTENT_TYPE), 80)
                    + "; send application/json";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase();
        };
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return json(json, ctx);
        }
        return error(status, message, List.of(), ctx);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> json(JsonProcessingException e, RoutingContext ctx) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = fieldPath(unknown);
            String message = field + " is not a field of this request";
            return error(400, message, List.of(new FieldError(field, "is not a field of this request")), ctx);
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = fieldPath(mismatch);
            String expected = mismatch.getTargetType() == null ? "another type" : mismatch.getTargetType().getSimpleName();
            String message = e instanceof InvalidFormatException
                    ? field + " has an invalid value"
                    : field + " must be " + article(expected);
            return error(400, message, List.of(new FieldError(field, message)), ctx);
        }
        return error(400, unreadable(e), List.of(), ctx);
    }

    /** What is wrong with a body the parser refused, in words a caller can act on (never the parser's own text). */
    private static String unreadable(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "The JSON body is outside this service's limits: numbers may have at most "
                    + JsonLimits.MAX_NUMBER_LENGTH + " characters and objects and arrays may nest at most "
                    + JsonLimits.MAX_DEPTH + " levels";
        }
        JsonLocation where = e.getLocation();
        String at = where == null || where.getLineNr() < 1 ? ""
                : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        if (e instanceof JsonEOFException) {
            return "Malformed JSON body: it ends too early" + at + "; check that every { [ and \" is closed";
        }
        return "Malformed JSON body" + at + ": check quotes, commas and brackets, and send application/json";
    }

    /** Declared for the subtype too, or Quarkus' own mapper for it (a bare 400) would win. */
    @ServerExceptionMapper
    public RestResponse<ApiError> mismatched(MismatchedInputException e, RoutingContext ctx) {
        return json(e, ctx);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> validation(ConstraintViolationException e, RoutingContext ctx) {
        List<FieldError> details = e.getConstraintViolations().stream()
                .map(v -> new FieldError(leaf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        String message = details.stream().map(d -> d.field() + " " + d.message()).collect(Collectors.joining("; "));
        return error(400, message.isEmpty() ? "Invalid request" : message, details, ctx);
    }

    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public RestResponse<ApiError> unexpected(Throwable e, RoutingContext ctx) {
        LogEvent.of(ErrorMappers.class, "unhandled_error")
                .with("errorType", e.getClass().getName())
                .with("path", ctx.normalizedPath())
                .error(String.valueOf(e.getMessage()));
        return error(500, "Internal error; quote the request id when reporting it", List.of(), ctx);
    }

    private static RestResponse<ApiError> error(int status, String message, List<?> details, RoutingContext ctx) {
        return RestResponse.ResponseBuilder.<ApiError>create(status)
                .entity(ApiError.of(status, message, details, RequestIds.of(ctx)))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * {@code link.body.giftIds[0].<list element>} → {@code giftIds[0]}: the method, parameter and container-element
     * names mean nothing to a client; a missing body itself is reported as {@code body}.
     */
    private static String leaf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> parameter = node.getName();
                case CONTAINER_ELEMENT -> field.append(node.getIndex() == null ? "" : "[" + node.getIndex() + "]");
                default -> {
                    if (node.isInIterable() && node.getIndex() != null) {
                        field.append('[').append(node.getIndex()).append(']');
                    }
                    if (field.length() > 0) {
                        field.append('.');
                    }
                    field.append(node.getName());
                }
            }
        }
        return field.length() > 0 ? field.toString() : parameter;
    }

    private static String article(String type) {
        return switch (type) {
            case "Long", "Integer", "long", "int", "BigDecimal", "Double" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "a string";
            default -> "a valid " + type;
        };
    }

    private static String headerOrNone(RoutingContext ctx, String name) {
        String value = ctx.request().getHeader(name);
        return value == null ? "(none)" : value;
    }
}
