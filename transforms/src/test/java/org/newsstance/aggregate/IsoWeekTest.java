package org.newsstance.aggregate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IsoWeekTest {
  @ParameterizedTest(name = "{0} is in {1}-W{2} starting {3}")
  @CsvSource({
    "2020-12-31, 2020, 53, 2020-12-28",
    "2021-01-03, 2020, 53, 2020-12-28",
    "2021-01-04, 2021, 1, 2021-01-04",
    "2024-12-29, 2024, 52, 2024-12-23",
    "2024-12-30, 2025, 1, 2024-12-30",
    "2025-01-01, 2025, 1, 2024-12-30",
    "2025-01-05, 2025, 1, 2024-12-30",
    "2025-01-06, 2025, 2, 2025-01-06",
    "2026-01-01, 2026, 1, 2025-12-29",
    "2027-01-01, 2026, 53, 2026-12-28",
    "2024-02-29, 2024, 9, 2024-02-26"
  })
  void weekOfDate(String date, int year, int week, String monday) {
    IsoWeek w = IsoWeek.of(LocalDate.parse(date));
    assertThat(w.isoYear(), is(year));
    assertThat(w.isoWeek(), is(week));
    assertThat(w.weekStartText(), is(monday));
  }

  @Test
  void emptyOrBrokenDatesHaveNoWeek() {
    assertThat(IsoWeek.ofIsoDate(""), is(nullValue()));
    assertThat(IsoWeek.ofIsoDate(null), is(nullValue()));
    assertThat(IsoWeek.ofIsoDate("2024-02-30"), is(nullValue()));
    assertThat(IsoWeek.ofIsoDate("sometime"), is(nullValue()));
  }
}
