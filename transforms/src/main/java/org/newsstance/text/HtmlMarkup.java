package org.newsstance.text;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeVisitor;

/**
 * Turns article text that still holds HTML markup into plain text. JSON and CSV exports often
 * carry the article body as HTML ({@code <p>…</p>}, {@code <br>}, {@code &amp;}, {@code
 * &#8217;}); read as text, the tags and references would end up inside sentences and cues.
 *
 * <p>A text counts as markup only when it holds a tag of the elements article bodies are made of
 * ({@link #MARKUP}): prose that merely mentions {@code <} or {@code a < b} is left alone. Such a
 * text is parsed as an HTML fragment with jsoup; {@code script}, {@code style} and similar are
 * dropped, block elements become paragraph breaks and {@code <br>} a line break. A text without
 * tags only has its character references decoded, when it has any. Stateless and thread-safe.
 */
public final class HtmlMarkup {
  /** A start or end tag of an element article bodies are made of. */
  static final Pattern MARKUP =
      Pattern.compile(
          "</?(?:p|br|div|span|a|em|strong|b|i|u|h[1-6]|li|ul|ol|blockquote|figure|figcaption"
              + "|img|section|article|table|tr|td|th|script|style|iframe|font|center|hr)"
              + "(?:\\s[^<>]*)?/?>",
          Pattern.CASE_INSENSITIVE);

  /** A named, decimal or hexadecimal character reference. */
  static final Pattern REFERENCE =
      Pattern.compile("&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});");

  private static final Set<String> DROPPED =
      Set.of("script", "style", "noscript", "iframe", "template", "svg", "head", "title");

  private static final Set<String> BLOCKS =
      Set.of(
          "p", "div", "section", "article", "blockquote", "figure", "figcaption", "header",
          "footer", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
          "dd", "table", "tr", "pre", "hr", "main", "center");

  private HtmlMarkup() {}

  /** The text without markup: {@code text} itself when it has neither tags nor references. */
  public static String toText(String text) {
    if (text.indexOf('<') >= 0 && MARKUP.matcher(text).find()) {
      return render(Jsoup.parseBodyFragment(text));
    }
    if (text.indexOf('&') >= 0 && REFERENCE.matcher(text).find()) {
      return Parser.unescapeEntities(text, false);
    }
    return text;
  }

  private static String render(Document doc) {
    doc.select(String.join(",", DROPPED)).remove();
    StringBuilder out = new StringBuilder();
    doc.body()
        .traverse(
            new NodeVisitor() {
              @Override
              public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                  out.append(t.getWholeText().replace('\n', ' '));
                } else if (node instanceof Element e) {
                  if (e.normalName().equals("br")) {
                    out.append('\n');
                  } else if (BLOCKS.contains(e.normalName())) {
                    out.append("\n\n");
                  }
                }
              }

              @Override
              public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                  out.append("\n\n");
                }
              }
            });
    return out.toString();
  }
}
