package org.newsstance.io;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses publication dates as they appear in article records.
 *
 * <p>Accepted: an ISO-8601 date ({@code 2024-12-03}), or a date-time with {@code T} or a space
 * between date and time ({@code 2025-01-14 08:30:00}, news-please's format), minutes required,
 * seconds and a fraction of up to 9 digits optional, followed by an optional offset {@code Z},
 * {@code +01:00}, {@code +0100} or {@code +01}. Also the RFC 1123 date-time of RSS feeds, e-mail
 * and HTTP headers ({@code Tue, 3 Dec 2024 18:45:00 GMT}, or {@code +0100}; English names, the day
 * of the week optional). Dates are checked strictly ({@code 2024-02-30} is unparseable). Numbers
 * (epoch seconds or milliseconds?) and day-month orders ({@code 03/12/2024}) are ambiguous and
 * stay unparseable.
 *
 * <p>Normalisation: a date stays a date, and its UTC date is itself. A date-time is converted to
 * UTC, truncated to whole seconds and written {@code yyyy-MM-ddTHH:mm:ssZ}; a date-time <b>without
 * an offset is taken as UTC</b> (news-please writes UTC times without an offset). The UTC date is
 * the calendar date of that instant, so {@code 2025-01-06T00:30:00+02:00} falls on {@code
 * 2025-01-05}.
 *
 * <p>A date whose UTC year is not between {@value #MIN_YEAR} and {@value #MAX_YEAR} is
 * unparseable.
 *
 * <p>Anything else is unparseable and gives an empty result: the caller keeps the raw value and
 * treats the article as undated; it is not a reject. Thread-safe and stateless.
 */
public final class PublishedDates {

  /**
   * A parsed publication date.
   *
   * @param normalised {@code yyyy-MM-dd} for a date, {@code yyyy-MM-ddTHH:mm:ssZ} for a date-time
   * @param utcDate the UTC calendar date, {@code yyyy-MM-dd}
   */
  public record ParsedDate(String normalised, String utcDate) {}

  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withChronology(IsoChronology.INSTANCE)
          .withResolverStyle(ResolverStyle.STRICT);

  /** Strict, so "31 Nov" or a wrong day of the week is unparseable rather than adjusted. */
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter UTC_INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);

  /** The years of a publication date: four digits, {@code yyyy}. */
  static final int MIN_YEAR = 1000;

  static final int MAX_YEAR = 9999;

  private PublishedDates() {}

  private static Optional<ParsedDate> dateTime(OffsetDateTime utc) {
    return inRange(utc.toLocalDate())
        ? Optional.of(new ParsedDate(UTC_INSTANT.format(utc), utc.toLocalDate().toString()))
        : Optional.empty();
  }

  /**
   * Year 0, 99999 or -1 (which ISO-8601 and {@code java.time} accept) is a typo or a placeholder,
   * not a publication date; it made weeks such as {@code -0001-12-27} (a cell a spreadsheet reads
   * as the formula -1-12-27) and {@code +10000-01-03}. A date-time is checked in UTC, so
   * {@code 9999-12-31T23:59:59-18:00} (year 10000 in UTC) is out too.
   */
  private static boolean inRange(LocalDate utcDate) {
    return utcDate.getYear() >= MIN_YEAR && utcDate.getYear() <= MAX_YEAR;
  }

  /** The parsed date, or empty when {@code raw} is null, blank or not in an accepted format. */
  public static Optional<ParsedDate> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String s = raw.trim();
    if (s.length() < 10 || s.length() > 40) {
      return Optional.empty();
    }
    try {
      if (s.charAt(4) != '-') {
        OffsetDateTime utc =
            OffsetDateTime.parse(s, RFC_1123)
                .withOffsetSameInstant(ZoneOffset.UTC);
        return dateTime(utc);
      }
      if (s.length() == 10) {
        LocalDate date = LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
        return inRange(date)
            ? Optional.of(new ParsedDate(date.toString(), date.toString()))
            : Optional.empty();
      }
      char separator = s.charAt(10);
      if (separator != 'T' && separator != ' ') {
        return Optional.empty();
      }
      TemporalAccessor parsed = DATE_TIME.parse(s.substring(0, 10) + 'T' + s.substring(11));
      OffsetDateTime utc =
          parsed.isSupported(ChronoField.OFFSET_SECONDS)
              ? OffsetDateTime.from(parsed).withOffsetSameInstant(ZoneOffset.UTC)
              : LocalDateTime.from(parsed).atOffset(ZoneOffset.UTC);
      return dateTime(utc.truncatedTo(ChronoUnit.SECONDS));
    } catch (DateTimeException e) {
      // Not a date this class understands: by contract the article is undated, not rejected.
      return Optional.empty();
    }
  }
}
