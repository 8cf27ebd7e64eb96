/**
 * Aggregation logic in plain Java: ISO weeks, per-cell totals with exact integer arithmetic,
 * t-intervals, duplicate resolution and the Beam transforms that apply them per outlet × week ×
 * dimension. Depends on {@code model}.
 */
package org.newsstance.aggregate;
