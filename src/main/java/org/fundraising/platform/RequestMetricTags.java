package org.fundraising.platform;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.regex.Pattern;

/**
 * Request metrics are tagged by route, never by the path as sent: a request refused before its route was matched
 * (a wrong content type on {@code …/<id>/process}) is otherwise tagged with its raw path, and a few hundred made-up
 * ids would use up Micrometer's 100 path tags, after which real routes get no request metrics at all. Ids, numbers
 * and anything encoded in a path become {@code {id}}.
 */
public class RequestMetricTags {

    private static final Pattern ID_SEGMENT = Pattern.compile(
            "/(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9]+|[^/{}]*%[^/]*)(?=/|$)");

    @Produces
    @Singleton
    MeterFilter routeTemplatesOnly() {
        return MeterFilter.replaceTagValues("uri", RequestMetricTags::template);
    }

    static String template(String uri) {
        return uri == null || uri.contains("{") ? uri : ID_SEGMENT.matcher(uri).replaceAll("/{id}");
    }
}
