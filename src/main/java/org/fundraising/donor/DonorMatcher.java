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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.fundraising.twenty.schema.FundraisingSchema;

/**
 * Finds candidates for many identities at once and applies {@link DonorMatchPolicy}, in two lookups of people:
 * first by email (the same primary email in any case, or the same additional email), then by name (same first and
 * last name in any case) only for the identities the first did not settle. Twenty keeps additional emails as JSON
 * and allows only {@code like} on its text there, which is case-sensitive and also finds longer addresses: the
 * lookup asks for the email as this service stores it (lower case), and every person found is compared exactly. An auto-link needs exactly one person
 * with the same name and email, and every such person has the email, so the first lookup finds all of them: a
 * donor who exists costs one lookup, a new one two. Together they find everything Twenty's person duplicates would
 * return (exact name, exact primary email) and the case and additional-email variants it misses. Each lookup is
 * cut so that its filter fits a request line behind an nginx gateway (8 KiB): one call for 60 usual identities.
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
        Map<String, JsonNode> people = new LinkedHashMap<>();
        Optional<String> single = singleLookup(identities);
        if (single.isPresent()) {
            return lookUp(caller, List.of(single.get()), people)
                    .map(ignored -> identities.stream().map(identity -> classify(identity, people)).toList());
        }
        return lookUp(caller, emailFilters(identities), people).chain(() -> {
            List<DonorIdentity> unsettled = identities.stream()
                    .filter(identity -> identity.hasName() && !autoLinked(classify(identity, people))).toList();
            return lookUp(caller, nameFilters(unsettled), people);
        }).map(ignored -> identities.stream().map(identity -> classify(identity, people)).toList());
    }

    /** At most how many lookups {@link #match(TwentyCaller, List)} makes for these identities, for a run's plan. */
    public static int lookupCalls(List<DonorIdentity> identities) {
        return singleLookup(identities).isPresent() ? 1 : emailFilters(identities).size() + nameFilters(identities).size();
    }

    public Uni<DonorMatch> match(TwentyCaller caller, DonorIdentity identity) {
        return match(caller, List.of(identity)).map(matches -> matches.get(0));
    }

    private Uni<Void> lookUp(TwentyCaller caller, List<String> filters, Map<String, JsonNode> people) {
        return Multi.createFrom().iterable(filters)
                .onItem().transformToMultiAndConcatenate(filter -> twenty.listAll(caller, FundraisingSchema.PERSON.plural(),
                        TwentyQuery.all().withFilter(filter)))
                .onItem().invoke(person -> people.putIfAbsent(person.path("id").asText(), person))
                .collect().last().replaceWithVoid();
    }

    private static DonorMatch classify(DonorIdentity identity, Map<String, JsonNode> people) {
        return DonorMatchPolicy.classify(identity, people.values().stream().filter(p -> foundBy(identity, p)).toList());
    }

    private static boolean autoLinked(DonorMatch match) {
        return DonorMatch.AUTO_LINKED.equals(match.status());
    }

    /**
     * Whether a lookup for {@code identity} selects {@code person}: the same test Twenty ran, so an identity gets the
     * same candidates whichever other identities shared its lookup.
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

    /** Both lookups as one filter, when it fits one call (a few identities, such as one gift's donor). */
    static Optional<String> singleLookup(List<DonorIdentity> identities) {
        List<String> conditions = new ArrayList<>(nameConditions(names(identities)));
        conditions.addAll(emailConditions(emails(identities)));
        String filter = Filters.or(conditions);
        return filter == null || encodedLength(filter) > MAX_ENCODED_FILTER ? Optional.empty() : Optional.of(filter);
    }

    /** The people having one of the identities' emails, as primary (any case) or additional email. */
    static List<String> emailFilters(List<DonorIdentity> identities) {
        return fitted(emails(identities), group -> Filters.or(emailConditions(group)));
    }

    /** The people having one of the identities' first and last names, in any case. */
    static List<String> nameFilters(List<DonorIdentity> identities) {
        return fitted(names(identities), group -> Filters.or(nameConditions(group)));
    }

    private static List<String> emails(List<DonorIdentity> identities) {
        return identities.stream().filter(DonorIdentity::hasEmail)
                .map(identity -> DonorIdentity.normalEmail(identity.email())).distinct().toList();
    }

    /** First and last name of each identity that has them, once per name in any case. */
    private static List<List<String>> names(List<DonorIdentity> identities) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        identities.stream().filter(DonorIdentity::hasName).forEach(identity -> names.putIfAbsent(
                lower(identity.firstName()) + "\n" + lower(identity.lastName()),
                List.of(identity.firstName().trim(), identity.lastName().trim())));
        return new ArrayList<>(names.values());
    }

    private static List<String> emailConditions(List<String> emails) {
        if (emails.isEmpty()) {
            return List.of();
        }
        List<String> conditions = new ArrayList<>();
        for (String email : emails) {
            conditions.add(Filters.equalsIgnoringCase("emails.primaryEmail", email));
            conditions.add(Filters.containing("emails.additionalEmails", email));
        }
        return conditions;
    }

    private static List<String> nameConditions(List<List<String>> names) {
        return names.stream().map(name -> Filters.and(Filters.equalsIgnoringCase("name.firstName", name.get(0)),
                Filters.equalsIgnoringCase("name.lastName", name.get(1)))).toList();
    }

    /** The values cut into as few groups as fit: each group's filter at most {@link #MAX_ENCODED_FILTER} encoded. */
    private static <T> List<String> fitted(List<T> values, Function<List<T>, String> filterOf) {
        List<String> filters = new ArrayList<>();
        List<T> group = new ArrayList<>();
        for (T value : values) {
            group.add(value);
            if (group.size() > 1 && encodedLength(filterOf.apply(group)) > MAX_ENCODED_FILTER) {
                group.remove(group.size() - 1);
                filters.add(filterOf.apply(group));
                group = new ArrayList<>(List.of(value));
            }
        }
        if (!group.isEmpty()) {
            filters.add(filterOf.apply(group));
        }
        return filters;
    }

    private static String lower(String text) {
        return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }

    private static int encodedLength(String filter) {
        return TwentyQuery.encoded(filter).length();
    }
}
