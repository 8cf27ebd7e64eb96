package org.newsstance.aggregate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The ISO-8601 week of a UTC calendar date: weeks start on Monday and belong to the week-based
 * year of their Thursday, so 2020-12-31 and 2021-01-03 are in 2020-W53 and 2024-12-30 is in
 * 2025-W01. Timestamps are converted to UTC before their date is taken (see {@code
 * PublishedDates}).
 *
 * @param isoYear week-based year
 * @param isoWeek week number 1..53
 * @param weekStart the Monday of the week
 */
public record IsoWeek(int isoYear, int isoWeek, LocalDate weekStart) {

  public static IsoWeek of(LocalDate date) {
    return new IsoWeek(
        date.get(IsoFields.WEEK_BASED_YEAR),
        date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
        date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
  }

  /** The week of a {@code yyyy-MM-dd} date, or null when the text is empty or not a date. */
  public static IsoWeek ofIsoDate(String date) {
    if (date == null || date.isEmpty()) {
      return null;
    }
    try {
      return of(LocalDate.parse(date));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The Monday as {@code yyyy-MM-dd}. */
  public String weekStartText() {
    return weekStart.toString();
  }
}
