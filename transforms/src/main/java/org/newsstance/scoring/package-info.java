/**
 * Sentence stance scoring in plain Java (no Beam): {@link
 * org.newsstance.scoring.ScoringResources} loads the lexicons under {@code datasets/lexicons/}
 * and the OpenNLP tokenizer once per JVM; {@link org.newsstance.scoring.StanceScorer} (one per
 * thread) scores the sentences of one article on every dimension and explains each score with
 * cues. What a score means is defined by {@code CODEBOOK.md}. Depends only on OpenNLP; the Beam
 * DoFns and the evaluation tools depend on this package, never the reverse.
 */
package org.newsstance.scoring;
