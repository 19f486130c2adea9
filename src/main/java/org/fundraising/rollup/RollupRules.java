package org.fundraising.rollup;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * What a computation of totals needs besides the gifts: the organisation's base currency, and the first day of the
 * fiscal year that contains today (year-to-date counts gifts dated on or after it).
 */
record RollupRules(String baseCurrency, LocalDate yearStart) {

    static RollupRules of(String baseCurrency, MonthDay fiscalYearStart, LocalDate today) {
        LocalDate start = fiscalYearStart.atYear(today.getYear());
        return new RollupRules(baseCurrency, start.isAfter(today) ? fiscalYearStart.atYear(today.getYear() - 1) : start);
    }
}
