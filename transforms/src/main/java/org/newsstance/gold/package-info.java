/**
 * Gold-coded sentences (the TSV splits in {@code datasets/gold/}): read by the evaluation tools,
 * and by the scorer, which trains its model on the development split. Depends on nothing else
 * in the project.
 */
package org.newsstance.gold;
