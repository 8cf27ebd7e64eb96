package org.newsstance.aggregate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudentTTest {
  /** Reference values from standard t tables (two-sided 95 % and 99 %). */
  @ParameterizedTest(name = "t({0}, df={1}) = {2}")
  @CsvSource({
    "0.95, 1, 12.7062",
    "0.95, 2, 4.3027",
    "0.95, 4, 2.7764",
    "0.95, 10, 2.2281",
    "0.95, 30, 2.0423",
    "0.95, 120, 1.9799",
    "0.95, 100000, 1.9600",
    "0.99, 5, 4.0321",
    "0.90, 20, 1.7247"
  })
  void criticalValuesMatchTables(double confidence, int df, double expected) {
    assertThat(StudentT.criticalValue(confidence, df), closeTo(expected, 5e-4));
  }

  @Test
  void rejectsImpossibleArguments() {
    assertThrows(IllegalArgumentException.class, () -> StudentT.criticalValue(0.95, 0));
    assertThrows(IllegalArgumentException.class, () -> StudentT.criticalValue(1.0, 5));
  }
}
