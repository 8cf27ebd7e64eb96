/**
 * Command-line tools around the scorer, in plain Java: {@link
 * org.newsstance.evaluation.Evaluate} scores a gold TSV split and reports SemEval-style metrics;
 * {@link org.newsstance.evaluation.ScoreSentences} scores sentences from stdin or a file to CSV.
 * Both call {@link org.newsstance.scoring.StanceScorer} exactly as the pipeline does. May depend
 * on {@code scoring} and {@code gold}; nothing in the pipeline depends on this package.
 */
package org.newsstance.evaluation;
