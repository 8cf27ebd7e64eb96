package org.newsstance.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.net.InternetDomainName;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Turns a host into an outlet name: the outlet rule shared by every input format.
 *
 * <p>The rule: the host (lower-case, without {@code www.}/{@code amp.}, see {@link
 * UrlCanonicalizer#host}) is looked up in the table, then each parent domain down to the
 * registrable domain ({@code edition.cnn.com}, then {@code cnn.com}); the first hit is the outlet.
 * Without a hit the outlet is the registrable domain, public-suffix aware ({@code
 * news.bbc.co.uk} gives {@code bbc.co.uk}, not {@code co.uk}). A host under no known public suffix
 * ({@code herald.example}, {@code localhost}, an IP address) is kept whole.
 *
 * <p>The table is {@code datasets/outlets.csv} (shipped in the jar as {@value #BUNDLED}), or a
 * file given with {@code --outlets}: UTF-8 CSV with the header {@code domain,outlet}; a domain
 * may be any host, so CDN or mirror hosts ({@code ichef.bbci.co.uk}) can be mapped too. Immutable
 * and serialisable, so a DoFn can hold it.
 */
public final class OutletTable implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Classpath location of the bundled table. */
  public static final String BUNDLED = "newsstance/outlets/outlets.csv";

  private final TreeMap<String, String> outlets;
  private final String origin;

  private OutletTable(TreeMap<String, String> outlets, String origin) {
    this.outlets = outlets;
    this.origin = origin;
  }

  /** A table with no mappings: the outlet is the registrable domain. */
  public static OutletTable empty() {
    return new OutletTable(new TreeMap<>(), "none");
  }

  /** The bundled {@code datasets/outlets.csv}. */
  public static OutletTable bundled() {
    InputStream in = OutletTable.class.getClassLoader().getResourceAsStream(BUNDLED);
    if (in == null) {
      throw new IllegalStateException(
          "the bundled outlet table " + BUNDLED + " is missing from the classpath; rebuild the jar");
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(r, "bundled " + BUNDLED);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled outlet table " + BUNDLED, e);
    }
  }

  /** The table in {@code path}, or the bundled one when the path is null or empty. */
  public static OutletTable load(String path) {
    if (path == null || path.isBlank()) {
      return bundled();
    }
    try (Reader r = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
      return parse(r, path);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the outlet table " + path + ": " + e.getMessage()
              + "; give a CSV file with the header domain,outlet",
          e);
    }
  }

  /** Parses a {@code domain,outlet} table; {@code name} is used in error messages. */
  public static OutletTable parse(Reader reader, String name) throws IOException {
    TreeMap<String, String> map = new TreeMap<>();
    CSVFormat format =
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).build();
    try (CSVParser parser = CSVParser.parse(reader, format)) {
      Map<String, Integer> header = parser.getHeaderMap();
      String first = header.keySet().stream().findFirst().orElse("");
      if (!header.containsKey("outlet")
          || !(header.containsKey("domain") || first.equals("\uFEFFdomain"))) {
        throw new IllegalArgumentException(
            "outlet table " + name + " must have the header domain,outlet; it has "
                + String.join(",", header.keySet()));
      }
      String domainColumn = header.containsKey("domain") ? "domain" : "\uFEFFdomain";
      for (CSVRecord r : parser) {
        String domain = r.get(domainColumn).trim().toLowerCase(Locale.ROOT);
        String outlet = r.get("outlet").trim();
        if (domain.isEmpty() || domain.startsWith("#")) {
          continue;
        }
        String host = UrlCanonicalizer.host("https://" + domain);
        if (host.isEmpty() || outlet.isEmpty()) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "outlet table %s, line %d: domain \"%s\" and outlet \"%s\" must both be given,"
                      + " the domain as a host name such as bbc.co.uk",
                  name, r.getParser().getCurrentLineNumber(), domain, outlet));
        }
        String before = map.put(host, outlet);
        if (before != null && !before.equals(outlet)) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "outlet table %s, line %d: domain %s is mapped twice (%s and %s); keep one",
                  name, r.getParser().getCurrentLineNumber(), host, before, outlet));
        }
      }
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(
          "outlet table " + name + " is not valid CSV: " + e.getMessage(), e);
    }
    return new OutletTable(map, name);
  }

  /** The outlet of the URL's host; empty when the URL has no host. */
  public String outletForUrl(String url) {
    return outletForHost(UrlCanonicalizer.host(url));
  }

  /** The outlet of a canonical host (see the class comment); empty for an empty host. */
  public String outletForHost(String host) {
    if (host == null || host.isEmpty()) {
      return "";
    }
    String registrable = registrableDomain(host);
    String h = host;
    while (true) {
      String outlet = outlets.get(h);
      if (outlet != null) {
        return outlet;
      }
      if (h.equals(registrable)) {
        return registrable;
      }
      int dot = h.indexOf('.');
      if (dot < 0) {
        return registrable;
      }
      h = h.substring(dot + 1);
    }
  }

  /** The registrable domain of a host, or the host itself when it has none. */
  static String registrableDomain(String host) {
    try {
      InternetDomainName name = InternetDomainName.from(host);
      if (name.isUnderPublicSuffix()) {
        return name.topPrivateDomain().toString();
      }
    } catch (IllegalArgumentException e) {
      // Not a domain name (an IP address, a bracketed IPv6 host): the host is the outlet.
    }
    return host;
  }

  /** Number of mapped domains. */
  public int size() {
    return outlets.size();
  }

  /** Where the table came from, for the manifest. */
  public String origin() {
    return origin;
  }
}
