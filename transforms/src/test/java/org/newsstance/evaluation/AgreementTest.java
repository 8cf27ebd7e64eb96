package org.newsstance.evaluation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgreementTest {
  @TempDir Path tmp;

  private static StanceMetrics table(int[][] counts) {
    StanceMetrics m = new StanceMetrics();
    for (int g = 0; g < 3; g++) {
      for (int p = 0; p < 3; p++) {
        for (int i = 0; i < counts[g][p]; i++) {
          m.add(g - 1, p - 1);
        }
      }
    }
    return m;
  }

  @Test
  void kappaOfASymmetricTable() {
    // po = 11/15; every marginal is 5/15, so pe = 3 * (1/3)^2 = 1/3; kappa = (11/15 - 1/3) / (2/3) = 0.6
    StanceMetrics m = table(new int[][] {{4, 1, 0}, {1, 3, 1}, {0, 1, 4}});
    assertThat(Agreement.cohensKappa(m), closeTo(0.6, 1e-12));
  }

  @Test
  void kappaOfATwoByTwoTable() {
    // coder +1/machine +1 20, +1/-1 5, -1/+1 10, -1/-1 15: po = 35/50 = 0.7;
    // coder marginals 25/25, machine 30/20: pe = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2/0.5 = 0.4
    StanceMetrics m = table(new int[][] {{15, 0, 10}, {0, 0, 0}, {5, 0, 20}});
    assertThat(Agreement.cohensKappa(m), closeTo(0.4, 1e-12));
  }

  @Test
  void kappaIsUndefinedWhenBothUsedOneLabelOnly() {
    assertThat(Double.isNaN(Agreement.cohensKappa(table(new int[][] {{0, 0, 0}, {0, 4, 0}, {0, 0, 0}}))), is(true));
    assertThat(Double.isNaN(Agreement.cohensKappa(new StanceMetrics())), is(true));
  }

  @Test
  void readsACodedSampleIgnoringAndCountingUncodedRows() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("sample_rank,article_id,sentence,coder_unity_label,coder_burden_label,coder_notes,"
        + "machine_unity_score,machine_unity_label,machine_burden_score,machine_burden_label");
    // unity: 2x2 table of the second test above; burden: coded on 3 rows only
    int row = 0;
    int[][] cells = {{1, 1, 20}, {1, -1, 5}, {-1, 1, 10}, {-1, -1, 15}};
    for (int[] c : cells) {
      for (int i = 0; i < c[2]; i++) {
        String coderBurden = row < 3 ? (row == 0 ? "'-1" : "+1") : "";
        lines.add(String.format("r%d,a%d,\"s, with comma\",%s,%s,,0.5,%d,,%d", row, row,
            c[0] > 0 ? "+1" : "-1", coderBurden, c[1], row == 0 ? -1 : 0));
        row++;
      }
    }
    lines.add("rX,aX,uncoded sentence,,,,0.1,0,,0");
    Path f = tmp.resolve("coding_sample.csv");
    Files.writeString(f, "\uFEFF" + String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);

    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<Agreement.Result> r = Agreement.report(f, new PrintStream(buf, true, StandardCharsets.UTF_8));
    Agreement.Result unity = r.get(0);
    assertThat(unity.dimension(), is("unity"));
    assertThat(unity.coded(), is(50L));
    assertThat(unity.uncoded(), is(1L));
    assertThat(unity.kappa(), closeTo(0.4, 1e-12));
    Agreement.Result burden = r.get(1);
    assertThat(burden.coded(), is(3L));
    assertThat(burden.uncoded(), is(48L));
    // burden: coder -1 / machine -1 once, coder +1 / machine 0 twice
    assertThat(burden.metrics().count(-1, -1), is(1L));
    assertThat(burden.metrics().count(1, 0), is(2L));
    String text = buf.toString(StandardCharsets.UTF_8);
    assertThat(text, containsString("kappa"));
    assertThat(text, containsString("0.400"));
  }

  @Test
  void aBadLabelNamesTheFileLineAndValue() throws Exception {
    Path f = tmp.resolve("c.csv");
    Files.writeString(f, "coder_unity_label,machine_unity_label\nyes,1\n", StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Agreement.compute(f));
    assertThat(e.getMessage(), containsString("line 2"));
    assertThat(e.getMessage(), containsString("'yes'"));
  }
}
