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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds candidates for many identities at once and applies {@link DonorMatchPolicy}: per 60 identities, one
 * person-duplicates call (Twenty's exact name / primary-email criteria) and, when asked, one lookup of the same
 * emails as primary (any case) or additional emails, which Twenty's duplicates do not see.
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

    /** Twenty's duplicates of one identity (one call), for a screen that shows them. */
    public Uni<List<ObjectNode>> candidates(TwentyCaller caller, DonorIdentity identity, int depth) {
        return twenty.personDuplicates(caller, List.of(probe(identity)), depth).map(found -> found.get(0));
    }

    /** One verdict per identity, in order. */
    public Uni<List<DonorMatch>> match(TwentyCaller caller, List<DonorIdentity> identities, boolean lookupEmails) {
        List<List<DonorIdentity>> chunks = new ArrayList<>();
        for (int i = 0; i < identities.size(); i += TwentyClient.BATCH_LIMIT) {
            chunks.add(identities.subList(i, Math.min(identities.size(), i + TwentyClient.BATCH_LIMIT)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(chunk -> matchChunk(caller, chunk, lookupEmails))
                .collect().in(ArrayList<DonorMatch>::new, List::addAll)
                .map(all -> (List<DonorMatch>) all);
    }

    private Uni<List<DonorMatch>> matchChunk(TwentyCaller caller, List<DonorIdentity> chunk, boolean lookupEmails) {
        List<Integer> asked = new ArrayList<>();
        List<ObjectNode> probes = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            DonorIdentity identity = chunk.get(i);
            if (identity.hasName() || identity.hasEmail()) {
                asked.add(i);
                probes.add(probe(identity));
            }
        }
        Set<String> emails = new LinkedHashSet<>();
        chunk.stream().filter(DonorIdentity::hasEmail).forEach(identity -> emails.add(DonorIdentity.normalEmail(identity.email())));

        Uni<List<List<ObjectNode>>> duplicates = probes.isEmpty() ? Uni.createFrom().item(List.of())
                : twenty.personDuplicates(caller, probes, 0);
        Uni<List<ObjectNode>> byEmail = !lookupEmails || emails.isEmpty() ? Uni.createFrom().item(List.of())
                : Multi.createFrom().iterable(emailFilters(emails))
                .onItem().transformToMultiAndConcatenate(filter -> twenty.listAll(caller, "people", TwentyQuery.all().withFilter(filter)))
                .collect().asList();
        return Uni.combine().all().unis(duplicates, byEmail).asTuple().map(found -> {
            List<DonorMatch> out = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                DonorIdentity identity = chunk.get(i);
                Map<String, JsonNode> candidates = new LinkedHashMap<>();
                int position = asked.indexOf(i);
                if (position >= 0) {
                    found.getItem1().get(position).forEach(person -> candidates.put(person.path("id").asText(), person));
                }
                String email = DonorIdentity.normalEmail(identity.email());
                found.getItem2().stream().filter(person -> !email.isEmpty() && DonorMatchPolicy.emailsOf(person).contains(email))
                        .forEach(person -> candidates.putIfAbsent(person.path("id").asText(), person));
                out.add(DonorMatchPolicy.classify(identity, List.copyOf(candidates.values())));
            }
            return out;
        });
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

    /**
     * Filters that find people with any of the emails, as primary (any case) or additional email, each short enough
     * for a request line behind an nginx gateway (8 KiB): usually one for 60 emails, more only for long addresses.
     */
    static List<String> emailFilters(Set<String> emails) {
        List<String> filters = new ArrayList<>();
        List<String> group = new ArrayList<>();
        for (String email : emails) {
            group.add(email);
            if (encodedLength(emailFilter(group)) > MAX_ENCODED_FILTER && group.size() > 1) {
                group.remove(group.size() - 1);
                filters.add(emailFilter(group));
                group = new ArrayList<>(List.of(email));
            }
        }
        if (!group.isEmpty()) {
            filters.add(emailFilter(group));
        }
        return filters;
    }

    private static String emailFilter(List<String> emails) {
        List<String> conditions = new ArrayList<>();
        emails.forEach(email -> conditions.add(Filters.equalsIgnoringCase("emails.primaryEmail", email)));
        conditions.add(Filters.containsAny("emails.additionalEmails", emails));
        return Filters.or(conditions);
    }

    private static int encodedLength(String filter) {
        return java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8).length();
    }
}
