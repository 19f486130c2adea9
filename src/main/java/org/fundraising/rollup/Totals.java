package org.fundraising.rollup;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * The running totals of one parent, fed gift by gift: cash gifts in the base currency are summed; gifts in another
 * currency are only counted, since adding pounds to dollars would mean nothing. Memory is one object per parent
 * (plus the distinct contributors of an appeal), whatever the number of gifts.
 */
final class Totals {

    private long amountMicros;
    private long count;
    private LocalDate firstDate;
    private LocalDate lastDate;
    private long lastAmountMicros;
    private String lastKey;
    private long largestMicros;
    private long yearToDateMicros;
    private long yearToDateCount;
    private long otherCurrencyCount;
    private final Set<String> contributors = new HashSet<>();

    /** Adds a gift; {@code rules} say which currency is summed and where the fiscal year starts. */
    void add(GiftFacts gift, RollupRules rules) {
        if (!gift.countsAsCash()) {
            return;
        }
        if (!rules.baseCurrency().equals(gift.currency())) {
            otherCurrencyCount++;
            return;
        }
        long net = gift.netMicros();
        amountMicros = Math.addExact(amountMicros, net);
        count++;
        largestMicros = Math.max(largestMicros, net);
        LocalDate date = gift.giftDate();
        if (date != null) {
            firstDate = firstDate == null || date.isBefore(firstDate) ? date : firstDate;
            lastDate = lastDate == null || date.isAfter(lastDate) ? date : lastDate;
            if (!date.isBefore(rules.yearStart())) {
                yearToDateMicros = Math.addExact(yearToDateMicros, net);
                yearToDateCount++;
            }
        }
        String key = lastKey(date, gift.id());
        if (lastKey == null || key.compareTo(lastKey) > 0) {
            lastKey = key;
            lastAmountMicros = net;
        }
        if (gift.donorId() != null) {
            contributors.add("person:" + gift.donorId());
        }
        if (gift.companyId() != null) {
            contributors.add("company:" + gift.companyId());
        }
    }

    /** Adds another parent's totals (a household's are its members'). */
    void merge(Totals other) {
        amountMicros = Math.addExact(amountMicros, other.amountMicros);
        count += other.count;
        largestMicros = Math.max(largestMicros, other.largestMicros);
        if (other.firstDate != null && (firstDate == null || other.firstDate.isBefore(firstDate))) {
            firstDate = other.firstDate;
        }
        if (other.lastDate != null && (lastDate == null || other.lastDate.isAfter(lastDate))) {
            lastDate = other.lastDate;
        }
        if (other.lastKey != null && (lastKey == null || other.lastKey.compareTo(lastKey) > 0)) {
            lastKey = other.lastKey;
            lastAmountMicros = other.lastAmountMicros;
        }
        yearToDateMicros = Math.addExact(yearToDateMicros, other.yearToDateMicros);
        yearToDateCount += other.yearToDateCount;
        otherCurrencyCount += other.otherCurrencyCount;
        contributors.addAll(other.contributors);
    }

    /**
     * The latest gift is the one with the latest date; gifts of one day are told apart by id, so every computation
     * (incremental, full, any order) names the same one. Undated gifts sort before every dated one.
     */
    private static String lastKey(LocalDate date, String id) {
        return (date == null ? "0000-00-00" : date.toString()) + "/" + id;
    }

    long amountMicros() {
        return amountMicros;
    }

    long count() {
        return count;
    }

    LocalDate firstDate() {
        return firstDate;
    }

    LocalDate lastDate() {
        return lastDate;
    }

    long lastAmountMicros() {
        return lastAmountMicros;
    }

    long largestMicros() {
        return largestMicros;
    }

    long yearToDateMicros() {
        return yearToDateMicros;
    }

    long yearToDateCount() {
        return yearToDateCount;
    }

    long otherCurrencyCount() {
        return otherCurrencyCount;
    }

    int contributorCount() {
        return contributors.size();
    }
}
