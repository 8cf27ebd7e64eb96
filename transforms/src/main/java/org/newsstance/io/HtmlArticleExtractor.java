package org.newsstance.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Extracts an article's title, main text and publication date from an archived HTML page.
 *
 * <p><b>Text</b>: scripts, navigation, headers and footers, asides, figures and captions, forms,
 * and every element whose class or id names boilerplate (cookie/consent notices, share widgets,
 * related-story and newsletter boxes, bylines, captions, comments, breadcrumbs, ads) are removed
 * first. The content container is then, first that exists: {@code [itemprop=articleBody]}, the
 * {@code <article>} with the most paragraph text, {@code <main>}/{@code [role=main]}, else the
 * element whose direct {@code <p>} children hold the most text (paragraph density). Its blocks
 * ({@code p}, {@code h2}–{@code h6}, {@code li}, {@code blockquote}, {@code pre}) are written in
 * document order, whitespace collapsed, separated by a blank line.
 *
 * <p><b>Title</b>: {@code og:title}, else {@code <title>}, else the first {@code <h1>}.
 *
 * <p><b>Date</b>, first that parses (see {@link PublishedDates}): meta tags ({@code
 * article:published_time}, {@code og:published_time}, {@code parsely-pub-date}, {@code
 * sailthru.date}, {@code dc.date}, {@code dcterms.created}, {@code pubdate}, {@code
 * publish-date}, {@code date}, {@code itemprop=datePublished}) as {@code meta}; JSON-LD {@code
 * datePublished} (also inside {@code @graph} arrays) as {@code jsonld}; {@code <time datetime>}
 * (one marked {@code pubdate} or {@code itemprop=datePublished} first) as {@code time}; a date in
 * the URL path ({@code /2025/01/14/} or {@code 2025-01-14}) as {@code url}; else the crawl time
 * as {@code crawl}.
 *
 * <p>Thread-safe and stateless.
 */
public final class HtmlArticleExtractor {

  /** What was extracted; strings never null, {@code text} empty when there is none. */
  public record Extracted(String title, String text, String published, String dateSource) {}

  private static final String[] DATE_META =
      new String[] {
        "meta[property=article:published_time]",
        "meta[name=article:published_time]",
        "meta[property=og:published_time]",
        "meta[name=parsely-pub-date]",
        "meta[name=sailthru.date]",
        "meta[name=dc.date]",
        "meta[name=DC.date.issued]",
        "meta[name=dcterms.created]",
        "meta[name=pubdate]",
        "meta[name=publish-date]",
        "meta[name=date]",
        "meta[itemprop=datePublished]"
      };

  private static final String REMOVE =
      "script, style, noscript, template, iframe, svg, canvas, form, button, input, select,"
          + " nav, header, footer, aside, figure, figcaption, address, [hidden],"
          + " [role=navigation], [role=banner], [role=contentinfo], [role=complementary],"
          + " [itemprop=author], [rel=author], [aria-hidden=true]";

  /** Class or id tokens that mark boilerplate (whole tokens, separated by - or _). */
  private static final Pattern BOILERPLATE =
      Pattern.compile(
          "(?i)(?:^|[\\s_-])(?:cookie|cookies|consent|gdpr|share|sharing|social|related|"
              + "recommended|recirculation|more-stories|newsletter|subscribe|subscription|promo|"
              + "advert|advertisement|ads?|sponsor|byline|author|caption|credit|comments?|"
              + "breadcrumbs?|nav|navbar|menu|sidebar|popular|most-read|trending|tags|"
              + "footer|masthead|paywall|signup|banner|modal|toolbar)(?:$|[\\s_-])");

  private static final Pattern URL_DATE_SLASH =
      Pattern.compile("/((?:19|20)\\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\\d|3[01])(?:/|$)");
  private static final Pattern URL_DATE_DASH =
      Pattern.compile("(?:^|[/_-])((?:19|20)\\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(?:$|[/_.-])");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MIN_PARAGRAPH_CHARS = 30;

  private HtmlArticleExtractor() {}

  /**
   * Extracts from an HTML page.
   *
   * @param html the page bytes
   * @param charset the charset from the HTTP header, or null to detect (BOM, meta, else UTF-8)
   * @param url the page URL (base for the URL date rule)
   * @param crawled the crawl time, the last-resort date; may be null
   */
  public static Extracted extract(byte[] html, String charset, String url, Instant crawled) {
    Document doc;
    try {
      doc = Jsoup.parse(new ByteArrayInputStream(html), charset, url == null ? "" : url);
    } catch (IOException e) {
      // Reading from a byte array cannot fail; an unknown charset name falls back to detection.
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      return extract(html, null, url, crawled);
    }
    String title = title(doc);
    String[] date = date(doc, url, crawled);
    String text = mainText(doc);
    return new Extracted(title, text, date[0], date[1]);
  }

  static String title(Document doc) {
    String og = doc.select("meta[property=og:title]").attr("content").trim();
    if (!og.isEmpty()) {
      return collapse(og);
    }
    String t = doc.title().trim();
    if (!t.isEmpty()) {
      return collapse(t);
    }
    Element h1 = doc.selectFirst("h1");
    return h1 == null ? "" : collapse(h1.text());
  }

  /** {value, source}; both empty when no date at all. */
  static String[] date(Document doc, String url, Instant crawled) {
    for (String selector : DATE_META) {
      for (Element e : doc.select(selector)) {
        String v = e.hasAttr("content") ? e.attr("content") : e.attr("datetime");
        if (PublishedDates.parse(v).isPresent()) {
          return new String[] {v.trim(), "meta"};
        }
      }
    }
    for (Element script : doc.select("script[type=application/ld+json]")) {
      Optional<String> d = jsonLdDate(script.data());
      if (d.isPresent()) {
        return new String[] {d.get(), "jsonld"};
      }
    }
    Elements times = doc.select("time[pubdate][datetime], time[itemprop=datePublished][datetime]");
    times.addAll(doc.select("time[datetime]"));
    for (Element t : times) {
      String v = t.attr("datetime");
      if (PublishedDates.parse(v).isPresent()) {
        return new String[] {v.trim(), "time"};
      }
    }
    return dateWithoutPage(url, crawled);
  }

  /**
   * {value, source} of a page that gives no date of its own: the date in the URL's path, else
   * the crawl time; both empty when neither.
   */
  static String[] dateWithoutPage(String url, Instant crawled) {
    String fromUrl = urlDate(url);
    if (!fromUrl.isEmpty()) {
      return new String[] {fromUrl, "url"};
    }
    if (crawled != null) {
      return new String[] {crawled.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), "crawl"};
    }
    return new String[] {"", ""};
  }

  static Optional<String> jsonLdDate(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      // Broken JSON-LD is common on real pages; the next date rule applies.
      return Optional.empty();
    }
    return findDatePublished(root, 0);
  }

  private static Optional<String> findDatePublished(JsonNode node, int depth) {
    if (node == null || depth > 8) {
      return Optional.empty();
    }
    if (node.isArray()) {
      for (JsonNode n : node) {
        Optional<String> d = findDatePublished(n, depth + 1);
        if (d.isPresent()) {
          return d;
        }
      }
      return Optional.empty();
    }
    if (!node.isObject()) {
      return Optional.empty();
    }
    JsonNode dp = node.get("datePublished");
    if (dp != null && dp.isTextual() && PublishedDates.parse(dp.textValue()).isPresent()) {
      return Optional.of(dp.textValue().trim());
    }
    return findDatePublished(node.get("@graph"), depth + 1);
  }

  /** {@code yyyy-MM-dd} from the URL's path, or empty. */
  static String urlDate(String url) {
    if (url == null) {
      return "";
    }
    String path = url;
    int scheme = url.indexOf("://");
    if (scheme >= 0) {
      int slash = url.indexOf('/', scheme + 3);
      path = slash < 0 ? "" : url.substring(slash);
    }
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    for (Pattern p : new Pattern[] {URL_DATE_SLASH, URL_DATE_DASH}) {
      Matcher m = p.matcher(path);
      if (m.find()) {
        String d =
            String.format(
                Locale.ROOT,
                "%s-%02d-%02d",
                m.group(1),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        if (PublishedDates.parse(d).isPresent()) {
          return d;
        }
      }
    }
    return "";
  }

  static String mainText(Document doc) {
    Element body = doc.body();
    if (body == null) {
      return "";
    }
    body.select(REMOVE).remove();
    List<Element> boilerplate = new ArrayList<>();
    for (Element e : body.getAllElements()) {
      if (e != body && isBoilerplate(e)) {
        boilerplate.add(e);
      }
    }
    for (Element e : boilerplate) {
      if (e.parent() != null && e.selectFirst("article, [itemprop=articleBody]") == null) {
        e.remove();
      }
    }
    Element container = container(body);
    List<String> paragraphs = new ArrayList<>();
    for (Element block : container.select("p, h2, h3, h4, h5, h6, li, blockquote, pre")) {
      if (hasBlockAncestorWithin(block, container)) {
        continue;
      }
      String text = collapse(block.text());
      if (!text.isEmpty()) {
        paragraphs.add(text);
      }
    }
    if (paragraphs.isEmpty()) {
      String all = collapse(container.text());
      return all;
    }
    return String.join("\n\n", paragraphs);
  }

  private static boolean isBoilerplate(Element e) {
    String tokens = e.className() + " " + e.id();
    return !tokens.isBlank() && BOILERPLATE.matcher(tokens).find() && !e.hasAttr("itemprop");
  }

  private static Element container(Element body) {
    Element byProp = body.selectFirst("[itemprop=articleBody]");
    if (byProp != null) {
      return byProp;
    }
    Element best = null;
    int bestChars = -1;
    for (Element a : body.select("article")) {
      int chars = paragraphChars(a);
      if (chars > bestChars) {
        best = a;
        bestChars = chars;
      }
    }
    if (best != null && bestChars > 0) {
      return best;
    }
    Element main = body.selectFirst("main, [role=main]");
    if (main != null) {
      return main;
    }
    best = body;
    bestChars = 0;
    // Each parent is measured once, at its first <p>: measuring it again for every one of its
    // paragraphs made a page of 60,000 <p> in one <div> take hours (quadratic).
    Set<Element> measured = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element p : body.select("p")) {
      Element parent = p.parent();
      if (parent == null || !measured.add(parent)) {
        continue;
      }
      int chars = 0;
      for (Element child : parent.children()) {
        if (child.tagName().equals("p")) {
          int length = child.text().length();
          if (length >= MIN_PARAGRAPH_CHARS) {
            chars += length;
          }
        }
      }
      if (chars > bestChars) {
        best = parent;
        bestChars = chars;
      }
    }
    return best;
  }

  private static int paragraphChars(Element e) {
    int chars = 0;
    for (Element p : e.select("p")) {
      chars += p.text().length();
    }
    return chars;
  }

  private static boolean hasBlockAncestorWithin(Element block, Element container) {
    for (Element a = block.parent(); a != null && a != container; a = a.parent()) {
      switch (a.tagName()) {
        case "p", "li", "blockquote", "pre", "h2", "h3", "h4", "h5", "h6" -> {
          return true;
        }
        default -> {}
      }
    }
    return false;
  }

  private static String collapse(String s) {
    return SPACES.matcher(s.replace('\u00A0', ' ')).replaceAll(" ").trim();
  }
}
