/**
 * Immutable element types that flow through the pipeline ({@code Article}, {@code Reject},
 * {@code ScoredArticle}) and their deterministic coders. Depends on nothing else in newsstance;
 * every other package may depend on it.
 */
package org.newsstance.model;
