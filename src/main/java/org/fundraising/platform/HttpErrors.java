package org.fundraising.platform;

/** The messages of errors that no resource produces, in one place for the router and the exception mappers. */
public final class HttpErrors {

    public static final String METHOD_NOT_ALLOWED = "Method not allowed on this route";
    public static final String TOO_LARGE = "Request body is larger than the 10 MiB limit";
    public static final String BAD_REQUEST = "The request could not be read as HTTP";
    public static final String BAD_PATH = "The request path is not valid percent-encoding: escape '%' as %25, and "
            + "write every other escape as % followed by two hexadecimal digits";
    public static final String LINE_TOO_LONG = "Request line is longer than the 16 KiB limit: send long filters in fewer, shorter parameters";

    private HttpErrors() {
    }

    /** "No route for GET /x", the path trimmed so that a caller's long or odd input is not echoed whole. */
    public static String noRoute(String method, String path) {
        return "No route for " + method + " " + SafeText.echo(path, 120);
    }
}
