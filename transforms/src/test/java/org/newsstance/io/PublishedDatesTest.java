package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsstance.io.PublishedDates.ParsedDate;

class PublishedDatesTest {

  @ParameterizedTest(name = "{0} -> {1} on {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-12-03|2024-12-03|2024-12-03",
        "' 2024-12-03 '|2024-12-03|2024-12-03",
        "2024-02-29|2024-02-29|2024-02-29",
        "2024-12-03T18:45:00+01:00|2024-12-03T17:45:00Z|2024-12-03",
        "2024-12-03T18:45:00Z|2024-12-03T18:45:00Z|2024-12-03",
        "2024-12-03T09:00:00|2024-12-03T09:00:00Z|2024-12-03",
        "2024-12-03T09:00|2024-12-03T09:00:00Z|2024-12-03",
        "2025-01-14 08:30:00|2025-01-14T08:30:00Z|2025-01-14",
        "2025-01-14 08:30:00+0100|2025-01-14T07:30:00Z|2025-01-14",
        "2025-01-14T08:30:00-05|2025-01-14T13:30:00Z|2025-01-14",
        "2025-01-14T08:30:00.123456789Z|2025-01-14T08:30:00Z|2025-01-14",
        "2025-01-14T08:30:59.9+00:00|2025-01-14T08:30:59Z|2025-01-14",
        "2025-01-06T00:30:00+02:00|2025-01-05T22:30:00Z|2025-01-05",
        "2024-12-31T23:30:00-01:00|2025-01-01T00:30:00Z|2025-01-01",
        "2024-03-01T00:30:00+01:00|2024-02-29T23:30:00Z|2024-02-29",
        "'Tue, 3 Dec 2024 18:45:00 GMT'|2024-12-03T18:45:00Z|2024-12-03",
        "'Tue, 03 Dec 2024 00:30:00 +0200'|2024-12-02T22:30:00Z|2024-12-02",
        "'3 Dec 2024 18:45 -0500'|2024-12-03T23:45:00Z|2024-12-03",
      })
  void parsesAndNormalisesToUtc(String raw, String normalised, String utcDate) {
    assertThat(PublishedDates.parse(raw), is(Optional.of(new ParsedDate(normalised, utcDate))));
  }

  @ParameterizedTest(name = "{0} is unparseable")
  @ValueSource(
      strings = {
        "",
        "   ",
        "2024-02-30",
        "2023-02-29",
        "2024-13-01",
        "2024-12-03T24:00:00",
        "2024-12-03T18:61:00Z",
        "2024-12-03T18:45:00+25:00",
        "2024-12-3",
        "03.12.2024",
        "3 December 2024",
        "2024/12/03",
        "2024-12-03X09:00",
        "2024-12-03T09",
        "2024-12-03T09:00:00 garbage",
        "1733247900",
        "1733247900000",
        "03/12/2024",
        "Mon, 3 Dec 2024 18:45:00 GMT",
        "Tue, 31 Nov 2024 18:45:00 GMT",
        "Tue, 3 Dec 2024 18:45:00 EST",
        "2024-12-03T18:45:00+01:00[Europe/Paris]",
      })
  void returnsEmptyForValuesItDoesNotUnderstand(String raw) {
    assertThat(PublishedDates.parse(raw), is(Optional.empty()));
  }

  @ParameterizedTest
  @NullSource
  void returnsEmptyForNull(String raw) {
    assertThat(PublishedDates.parse(raw), is(Optional.empty()));
  }

  @Test
  void theDayCrossingCaseLandsOnThePreviousUtcDay() {
    assertThat(
        PublishedDates.parse("2025-01-06T00:30:00+02:00").orElseThrow().utcDate(),
        is("2025-01-05"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0000-01-01",
        "0999-12-31",
        "+10000-01-01",
        "+99999-01-01T00:00:00Z",
        "9999-12-31T23:59:59-18:00",
        "1000-01-01T00:00:00+18:00",
        "Tue, 3 Dec 0099 18:45:00 GMT",
      })
  void yearsOutsideFourDigitsAreUndated(String raw) {
    assertThat(PublishedDates.parse(raw), is(Optional.empty()));
  }

  @Test
  void theFourDigitYearsAtBothEndsAreDated() {
    assertThat(PublishedDates.parse("1000-01-01").orElseThrow().utcDate(), is("1000-01-01"));
    assertThat(
        PublishedDates.parse("9999-12-31T23:59:59Z").orElseThrow().utcDate(), is("9999-12-31"));
  }
}
