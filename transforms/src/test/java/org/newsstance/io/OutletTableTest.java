package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class OutletTableTest {
  @Test
  void reducesHostsToTheirRegistrableDomain() {
    OutletTable t = OutletTable.empty();
    assertThat(t.outletForHost("news.bbc.co.uk"), is("bbc.co.uk"));
    assertThat(t.outletForHost("edition.cnn.com"), is("cnn.com"));
    assertThat(t.outletForHost("bbc.co.uk"), is("bbc.co.uk"));
    assertThat(t.outletForHost("herald.example"), is("herald.example"));
    assertThat(t.outletForHost("10.0.0.1"), is("10.0.0.1"));
    assertThat(t.outletForUrl("https://www.Guardian.co.uk/x"), is("guardian.co.uk"));
    assertThat(t.outletForUrl("not a url"), is(""));
  }

  @Test
  void mapsDomainsAndCdnHostsToOutletNames() throws IOException {
    OutletTable t =
        OutletTable.parse(
            new StringReader("domain,outlet\nbbc.co.uk,BBC\nichef.bbci.co.uk,BBC\nfeeds.cnn.com,CNN Feeds\n"),
            "t.csv");
    assertThat(t.outletForHost("news.bbc.co.uk"), is("BBC"));
    assertThat(t.outletForHost("ichef.bbci.co.uk"), is("BBC"));
    assertThat(t.outletForHost("other.bbci.co.uk"), is("bbci.co.uk"));
    assertThat(t.outletForHost("feeds.cnn.com"), is("CNN Feeds"));
    assertThat(t.outletForHost("edition.cnn.com"), is("cnn.com"));
  }

  @Test
  void theBundledTableLoadsAndBadTablesSayWhatIsWrong() {
    assertThat(OutletTable.bundled().size(), greaterThan(5));
    assertThat(OutletTable.bundled().outletForUrl("https://amp.theguardian.com/world/x"), is("The Guardian"));
    IllegalArgumentException header =
        assertThrows(IllegalArgumentException.class,
            () -> OutletTable.parse(new StringReader("host,name\na.com,A\n"), "t.csv"));
    assertThat(header.getMessage(), containsString("header domain,outlet"));
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class,
            () -> OutletTable.parse(new StringReader("domain,outlet\na.com,A\na.com,B\n"), "t.csv"));
    assertThat(twice.getMessage(), containsString("line 3"));
  }
}
