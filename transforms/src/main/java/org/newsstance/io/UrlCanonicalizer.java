package org.newsstance.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces article URLs to a canonical form so that the same article reached through different links
 * is recognised as a duplicate.
 *
 * <p>{@link #canonical} rules, in order: {@code http} and {@code https} are the same (written
 * {@code https}); scheme and host are lower-cased; user info, a trailing dot of the host and the
 * default ports 80 and 443 are dropped; a leading {@code www.} and {@code amp.} are dropped from
 * the host (only while a dot remains, so {@code amp.com} is kept); the fragment is dropped; path
 * segments equal to {@code amp} (an {@code /amp} suffix or an {@code /amp/} segment) and trailing
 * slashes are dropped, the path is otherwise kept as given (case and percent-encoding included);
 * query parameters that only track the visitor ({@code utm_*}, {@code fbclid}, {@code gclid} and
 * the others in {@link #TRACKING_PARAMETERS}) or select the AMP variant ({@code amp}, {@code
 * amp=1}, {@code amp=true}, {@code outputType=amp}) are dropped, the others are kept in their
 * original order and spelling.
 *
 * <p>A value that is not an absolute URL with a host ({@code scheme://host...} or {@code
 * //host...}, no whitespace) is malformed: {@code canonical} then returns the trimmed input
 * lower-cased and {@code host} returns the empty string. Neither method throws. Thread-safe and
 * stateless.
 */
public final class UrlCanonicalizer {

  /** Query parameter names (lower-case) dropped besides every {@code utm_*} parameter. */
  public static final Set<String> TRACKING_PARAMETERS =
      Set.of(
          "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
          "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "cmpid",
          "ocid");

  private static final Pattern URL =
      Pattern.compile("(?:([A-Za-z][A-Za-z0-9+.-]*):)?//([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#.*)?");
  private static final Pattern HOST = Pattern.compile("[\\p{L}\\p{N}._-]+|\\[[0-9A-Fa-f:.]+]");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern WHITESPACE = Pattern.compile(".*\\s.*", Pattern.DOTALL);

  private UrlCanonicalizer() {}

  /** The canonical form of {@code url}; the trimmed input lower-cased when it is malformed. */
  public static String canonical(String url) {
    if (url == null) {
      return "";
    }
    String trimmed = url.trim();
    Parts parts = parse(trimmed);
    if (parts == null) {
      return trimmed.toLowerCase(Locale.ROOT);
    }
    StringBuilder out = new StringBuilder(trimmed.length());
    out.append(parts.scheme).append("://").append(parts.host);
    if (!parts.port.isEmpty()) {
      out.append(':').append(parts.port);
    }
    out.append(path(parts.path));
    String query = query(parts.query);
    if (!query.isEmpty()) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  /**
   * The canonical host of {@code url}: lower-case, without {@code www.}, {@code amp.} or port;
   * empty when the URL is malformed.
   */
  public static String host(String url) {
    if (url == null) {
      return "";
    }
    Parts parts = parse(url.trim());
    return parts == null ? "" : parts.host;
  }

  private record Parts(String scheme, String host, String port, String path, String query) {}

  private static Parts parse(String url) {
    if (url.isEmpty() || WHITESPACE.matcher(url).matches()) {
      return null;
    }
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      return null;
    }
    String scheme = m.group(1) == null ? "https" : m.group(1).toLowerCase(Locale.ROOT);
    if (scheme.equals("http")) {
      scheme = "https";
    }
    String authority = m.group(2);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    String host = authority;
    String port = "";
    int colon = authority.lastIndexOf(':');
    if (colon >= 0 && colon > authority.lastIndexOf(']')) {
      host = authority.substring(0, colon);
      port = authority.substring(colon + 1);
      if (!port.isEmpty() && !PORT.matcher(port).matches()) {
        return null;
      }
    }
    host = host.toLowerCase(Locale.ROOT);
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty() || !HOST.matcher(host).matches()) {
      return null;
    }
    host = stripPrefixes(host);
    if (port.equals("80") || port.equals("443")) {
      port = "";
    }
    return new Parts(scheme, host, port, m.group(3), m.group(4) == null ? "" : m.group(4));
  }

  private static String stripPrefixes(String host) {
    while (true) {
      if (host.startsWith("www.") && host.indexOf('.', 4) > 0) {
        host = host.substring(4);
      } else if (host.startsWith("amp.") && host.indexOf('.', 4) > 0) {
        host = host.substring(4);
      } else {
        return host;
      }
    }
  }

  /**
   * The path without {@code amp} segments and trailing slashes (it starts with "/" or is empty).
   */
  private static String path(String path) {
    StringBuilder out = new StringBuilder(path.length());
    String[] segments = path.split("/", -1);
    for (int i = 1; i < segments.length; i++) {
      if (!segments[i].equalsIgnoreCase("amp")) {
        out.append('/').append(segments[i]);
      }
    }
    int len = out.length();
    while (len > 0 && out.charAt(len - 1) == '/') {
      len--;
    }
    out.setLength(len);
    return out.toString();
  }

  private static String query(String query) {
    if (query.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String parameter : query.split("&", -1)) {
      if (parameter.isEmpty()) {
        continue;
      }
      int eq = parameter.indexOf('=');
      String name = (eq < 0 ? parameter : parameter.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : parameter.substring(eq + 1).toLowerCase(Locale.ROOT);
      boolean tracking = name.startsWith("utm_") || TRACKING_PARAMETERS.contains(name);
      boolean ampSwitch =
          (name.equals("amp") && (value.isEmpty() || value.equals("1") || value.equals("true")))
              || (name.equals("outputtype") && value.equals("amp"));
      if (!tracking && !ampSwitch) {
        kept.add(parameter);
      }
    }
    return String.join("&", kept);
  }
}
