/**
 * Plain-text processing before sentence splitting: {@link org.newsstance.text.TextCleaner}
 * normalises Unicode and whitespace, removes boilerplate lines (bylines, share prompts, ticker
 * headlines of other stories, ...) with rules loaded from {@code datasets/cleaning}, and splits the
 * cleaned text into paragraphs. Plain Java without Beam imports, called by thin DoFns. May depend
 * only on {@code org.newsstance.model}; the sentence splitter and the pipeline depend on it.
 */
package org.newsstance.text;
