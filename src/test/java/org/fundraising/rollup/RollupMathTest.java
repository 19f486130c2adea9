package org.fundraising.rollup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's totals against a brute-force computation, over generated gift sets: several currencies, partial and
 * full refunds, gifts in kind, deleted gifts, dates on both sides of the fiscal year's start, several fiscal years,
 * and gifts fed in any order. The brute force filters the whole list afresh for every figure of every parent.
 */
class RollupMathTest {

    private static final String BASE = "GBP";
    private static final List<String> CURRENCIES = List.of("GBP", "GBP", "GBP", "USD", "EUR");
    private static final List<String> FISCAL_STARTS = List.of("01-01", "04-01", "04-06", "07-01", "10-01");

    @Test
    void generatedGiftSetsAgreeWithBruteForce() {
        Random random = new Random(20261130L);
        int compared = 0;
        for (int round = 0; round < 300; round++) {
            List<String> people = ids("p", 1 + random.nextInt(8));
            List<String> companies = ids("c", 1 + random.nextInt(3));
            List<String> appeals = ids("a", 1 + random.nextInt(3));
            List<String> opportunities = ids("o", 1 + random.nextInt(2));
            Map<String, String> household = new HashMap<>();
            people.forEach(person -> {
                if (random.nextInt(3) > 0) {
                    household.put(person, "h" + random.nextInt(3));
                }
            });
            List<GiftFacts> gifts = gifts(random, 40 + random.nextInt(120), people, companies, appeals, opportunities);
            LocalDate today = LocalDate.of(2024 + random.nextInt(3), 1 + random.nextInt(12), 1 + random.nextInt(28));
            MonthDay fiscal = MonthDay.parse("--" + FISCAL_STARTS.get(random.nextInt(FISCAL_STARTS.size())));
            RollupRules rules = RollupRules.of(BASE, fiscal, today);
            LocalDate yearStart = walkBackTo(fiscal, today);

            Map<ParentKind, Map<String, Totals>> engine = new HashMap<>();
            List<GiftFacts> shuffled = new ArrayList<>(gifts);
            Collections.shuffle(shuffled, random);
            for (ParentKind kind : ParentKind.values()) {
                Map<String, Totals> byParent = new HashMap<>();
                shuffled.forEach(gift -> RollupEngine.add(byParent, kind, gift, rules));
                engine.put(kind, byParent);
            }
            Map<String, Totals> households = new HashMap<>();
            household.forEach((person, home) -> {
                Totals own = engine.get(ParentKind.PERSON).get(person);
                if (own != null) {
                    households.computeIfAbsent(home, h -> new Totals()).merge(own);
                }
            });

            for (String person : people) {
                assertEquals(donor(gifts, g -> person.equals(g.donorId()), yearStart),
                        RollupValues.of(ParentKind.PERSON, engine.get(ParentKind.PERSON).get(person), BASE), person + " on " + today);
                compared++;
            }
            for (String company : companies) {
                assertEquals(donor(gifts, g -> company.equals(g.companyId()), yearStart),
                        RollupValues.of(ParentKind.COMPANY, engine.get(ParentKind.COMPANY).get(company), BASE), company);
                compared++;
            }
            for (String home : new HashSet<>(household.values())) {
                assertEquals(donor(gifts, g -> g.donorId() != null && home.equals(household.get(g.donorId())), yearStart),
                        RollupValues.of(ParentKind.HOUSEHOLD, households.get(home), BASE), home);
                compared++;
            }
            for (String appeal : appeals) {
                assertEquals(appeal(gifts, appeal), RollupValues.of(ParentKind.APPEAL, engine.get(ParentKind.APPEAL).get(appeal), BASE), appeal);
                compared++;
            }
            for (String opportunity : opportunities) {
                List<GiftFacts> counted = counted(gifts, g -> opportunity.equals(g.opportunityId()));
                ObjectNode expected = JsonNodeFactory.instance.objectNode().put("giftsCount", counted.size());
                money(expected, "giftsReceivedAmount", counted.stream().mapToLong(g -> g.amountMicros() - g.refundedMicros()).sum());
                assertEquals(expected, RollupValues.of(ParentKind.OPPORTUNITY, engine.get(ParentKind.OPPORTUNITY).get(opportunity), BASE));
                compared++;
            }
        }
        assertTrue(compared > 1500, "compared " + compared + " parents");
    }

    /** Compared as JSON text: the figures and their order, whatever numeric node type each side chose. */
    private static void assertEquals(ObjectNode expected, ObjectNode actual, String what) {
        Assertions.assertEquals(expected.toString(), actual.toString(), what);
    }

    private static void assertEquals(ObjectNode expected, ObjectNode actual) {
        assertEquals(expected, actual, "");
    }

    @Test
    void theFiscalYearStartsOnTheLatestStartDayNotAfterToday() {
        Assertions.assertEquals(LocalDate.of(2026, 4, 1), RollupRules.of(BASE, MonthDay.of(4, 1), LocalDate.of(2026, 11, 30)).yearStart());
        Assertions.assertEquals(LocalDate.of(2025, 4, 1), RollupRules.of(BASE, MonthDay.of(4, 1), LocalDate.of(2026, 3, 31)).yearStart());
        Assertions.assertEquals(LocalDate.of(2026, 4, 1), RollupRules.of(BASE, MonthDay.of(4, 1), LocalDate.of(2026, 4, 1)).yearStart());
        Assertions.assertEquals(LocalDate.of(2026, 1, 1), RollupRules.of(BASE, MonthDay.of(1, 1), LocalDate.of(2026, 1, 1)).yearStart());
    }

    /** The person, company or household figures, from scratch. */
    private static ObjectNode donor(List<GiftFacts> gifts, Predicate<GiftFacts> mine, LocalDate yearStart) {
        List<GiftFacts> counted = counted(gifts, mine);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        money(out, "lifetimeGiftAmount", counted.stream().mapToLong(RollupMathTest::net).sum());
        out.put("lifetimeGiftCount", counted.size());
        date(out, "firstGiftDate", counted.stream().map(GiftFacts::giftDate).filter(d -> d != null).min(Comparator.naturalOrder()).orElse(null));
        date(out, "lastGiftDate", counted.stream().map(GiftFacts::giftDate).filter(d -> d != null).max(Comparator.naturalOrder()).orElse(null));
        GiftFacts latest = counted.stream().max(Comparator.comparing((GiftFacts g) -> g.giftDate() == null ? LocalDate.MIN : g.giftDate())
                .thenComparing(GiftFacts::id)).orElse(null);
        money(out, "lastGiftAmount", latest == null ? 0 : net(latest));
        money(out, "largestGiftAmount", counted.stream().mapToLong(RollupMathTest::net).max().orElse(0));
        List<GiftFacts> thisYear = counted.stream().filter(g -> g.giftDate() != null && !g.giftDate().isBefore(yearStart)).toList();
        money(out, "yearToDateGiftAmount", thisYear.stream().mapToLong(RollupMathTest::net).sum());
        out.put("yearToDateGiftCount", thisYear.size());
        out.put("otherCurrencyGiftCount", gifts.stream().filter(mine).filter(g -> !g.deleted() && !g.inKind()
                && net(g) > 0 && !BASE.equals(g.currency())).count());
        return out;
    }

    private static ObjectNode appeal(List<GiftFacts> gifts, String appeal) {
        List<GiftFacts> counted = counted(gifts, g -> appeal.equals(g.appealId()));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        money(out, "raisedAmount", counted.stream().mapToLong(RollupMathTest::net).sum());
        out.put("giftCount", counted.size());
        Set<String> contributors = new HashSet<>();
        counted.forEach(g -> {
            if (g.donorId() != null) {
                contributors.add("p/" + g.donorId());
            }
            if (g.companyId() != null) {
                contributors.add("c/" + g.companyId());
            }
        });
        out.put("donorCount", contributors.size());
        LocalDate last = counted.stream().map(GiftFacts::giftDate).filter(d -> d != null).max(Comparator.naturalOrder()).orElse(null);
        if (last == null) {
            out.putNull("lastGiftAt");
        } else {
            out.put("lastGiftAt", last + "T00:00:00Z");
        }
        out.put("otherCurrencyGiftCount", gifts.stream().filter(g -> appeal.equals(g.appealId())).filter(g -> !g.deleted()
                && !g.inKind() && net(g) > 0 && !BASE.equals(g.currency())).count());
        return out;
    }

    /** Cash gifts in the base currency, not deleted, with something left after refunds. */
    private static List<GiftFacts> counted(List<GiftFacts> gifts, Predicate<GiftFacts> mine) {
        return gifts.stream().filter(mine).filter(g -> !g.deleted() && !g.inKind() && BASE.equals(g.currency()) && net(g) > 0).toList();
    }

    private static long net(GiftFacts gift) {
        return gift.amountMicros() - gift.refundedMicros();
    }

    private static List<GiftFacts> gifts(Random random, int count, List<String> people, List<String> companies,
                                         List<String> appeals, List<String> opportunities) {
        List<GiftFacts> gifts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long amount = (1 + random.nextInt(50_000)) * 10_000L;
            int refund = random.nextInt(10);
            long refunded = refund == 0 ? amount : refund == 1 ? amount / 3 : 0;
            boolean organisation = random.nextInt(5) == 0;
            LocalDate date = random.nextInt(20) == 0 ? null : LocalDate.of(2022, 1, 1).plusDays(random.nextInt(365 * 5));
            gifts.add(new GiftFacts(String.format("g%04d", i),
                    organisation && random.nextBoolean() ? null : pick(random, people),
                    organisation ? pick(random, companies) : null,
                    random.nextInt(4) == 0 ? null : pick(random, appeals),
                    random.nextInt(3) == 0 ? pick(random, opportunities) : null,
                    amount, CURRENCIES.get(random.nextInt(CURRENCIES.size())), refunded, date,
                    random.nextInt(12) == 0, random.nextInt(15) == 0, null));
        }
        return gifts;
    }

    /** The fiscal year's first day found by walking back from today, not by the engine's arithmetic. */
    private static LocalDate walkBackTo(MonthDay start, LocalDate today) {
        LocalDate day = today;
        while (!MonthDay.from(day).equals(start)) {
            day = day.minusDays(1);
        }
        return day;
    }

    private static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static void money(ObjectNode out, String field, long micros) {
        out.putObject(field).put("amountMicros", micros).put("currencyCode", BASE);
    }

    private static void date(ObjectNode out, String field, LocalDate date) {
        if (date == null) {
            out.putNull(field);
        } else {
            out.put(field, date.toString());
        }
    }
}
