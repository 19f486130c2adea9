package org.fundraising.donor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyQuery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fundraising.twenty.schema.FundraisingSchema;

/**
 * Finds candidates for many identities at once and applies {@link DonorMatchPolicy}. One people lookup serves a
 * group of identities: same first and last name in any case, or the same email as primary (any case) or additional
 * email. That is everything Twenty's person duplicates would return for them (exact name, exact primary email) and
 * the case and additional-email variants it misses, in one call where duplicates plus an email lookup took two.
 * Groups are cut so that each filter fits a request line behind an nginx gateway (8 KiB): one call for a single
 * identity, usually two or three for 60.
 */
@ApplicationScoped
public class DonorMatcher {

    static final int MAX_ENCODED_FILTER = 7000;

    private final TwentyClient twenty;
    private final ObjectMapper json;

    DonorMatcher(TwentyClient twenty, ObjectMapper json) {
        this.twenty = twenty;
        this.json = json;
    }

    /** Twenty's own duplicates of one identity (one call), for the original's duplicates route. */
    public Uni<List<ObjectNode>> candidates(TwentyCaller caller, DonorIdentity identity, int depth) {
        return twenty.personDuplicates(caller, List.of(probe(identity)), depth).map(found -> found.get(0));
    }

    /** One verdict per identity, in order. */
    public Uni<List<DonorMatch>> match(TwentyCaller caller, List<DonorIdentity> identities) {
        List<DonorIdentity> searchable = identities.stream().filter(i -> i.hasName() || i.hasEmail()).toList();
        return Multi.createFrom().iterable(lookupFilters(searchable))
                .onItem().transformToMultiAndConcatenate(filter -> twenty.listAll(caller, FundraisingSchema.PERSON.plural(), TwentyQuery.all().withFilter(filter)))
                .collect().asList()
                .map(found -> {
                    Map<String, JsonNode> people = new LinkedHashMap<>();
                    found.forEach(person -> people.putIfAbsent(person.path("id").asText(), person));
                    List<DonorMatch> out = new ArrayList<>();
                    for (DonorIdentity identity : identities) {
                        List<JsonNode> candidates = people.values().stream().filter(p -> foundBy(identity, p)).toList();
                        out.add(DonorMatchPolicy.classify(identity, candidates));
                    }
                    return out;
                });
    }

    /** How many lookups {@link #match(TwentyCaller, List)} makes for these identities, for a run's plan. */
    public int lookupCalls(List<DonorIdentity> identities) {
        return lookupFilters(identities.stream().filter(i -> i.hasName() || i.hasEmail()).toList()).size();
    }

    public Uni<DonorMatch> match(TwentyCaller caller, DonorIdentity identity) {
        return match(caller, List.of(identity)).map(matches -> matches.get(0));
    }

    /**
     * Whether the lookup filter of {@code identity} selects {@code person}: the same test Twenty ran, so an identity
     * gets the same candidates whichever other identities shared its lookup.
     */
    static boolean foundBy(DonorIdentity identity, JsonNode person) {
        if (identity.hasName()
                && lower(identity.firstName()).equals(lower(person.path("name").path("firstName").asText("")))
                && lower(identity.lastName()).equals(lower(person.path("name").path("lastName").asText("")))) {
            return true;
        }
        return identity.hasEmail() && DonorMatchPolicy.emailsOf(person).contains(DonorIdentity.normalEmail(identity.email()));
    }

    private ObjectNode probe(DonorIdentity identity) {
        ObjectNode probe = json.createObjectNode();
        if (identity.hasName()) {
            probe.putObject("name").put("firstName", identity.firstName().trim()).put("lastName", identity.lastName().trim());
        }
        if (identity.hasEmail()) {
            probe.putObject("emails").put("primaryEmail", identity.email().trim());
        }
        return probe;
    }

    /** The lookup filters for the identities, each at most {@link #MAX_ENCODED_FILTER} characters URL-encoded. */
    static List<String> lookupFilters(List<DonorIdentity> identities) {
        List<String> filters = new ArrayList<>();
        List<DonorIdentity> group = new ArrayList<>();
        for (DonorIdentity identity : identities) {
            group.add(identity);
            if (group.size() > 1 && encodedLength(lookupFilter(group)) > MAX_ENCODED_FILTER) {
                group.remove(group.size() - 1);
                filters.add(lookupFilter(group));
                group = new ArrayList<>(List.of(identity));
            }
        }
        if (!group.isEmpty()) {
            filters.add(lookupFilter(group));
        }
        return filters;
    }

    private static String lookupFilter(List<DonorIdentity> group) {
        List<String> conditions = new ArrayList<>();
        Set<String> emails = new LinkedHashSet<>();
        for (DonorIdentity identity : group) {
            if (identity.hasName()) {
                conditions.add(Filters.and(Filters.equalsIgnoringCase("name.firstName", identity.firstName().trim()),
                        Filters.equalsIgnoringCase("name.lastName", identity.lastName().trim())));
            }
            if (identity.hasEmail() && emails.add(DonorIdentity.normalEmail(identity.email()))) {
                conditions.add(Filters.equalsIgnoringCase("emails.primaryEmail", DonorIdentity.normalEmail(identity.email())));
            }
        }
        if (!emails.isEmpty()) {
            conditions.add(Filters.containsAny("emails.additionalEmails", emails));
        }
        return Filters.or(conditions);
    }

    private static String lower(String text) {
        return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }

    private static int encodedLength(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).length();
    }
}
