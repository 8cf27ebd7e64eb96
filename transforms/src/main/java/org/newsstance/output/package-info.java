/**
 * Output tables: column lists, row formatting (numbers in {@code Locale.ROOT}, spreadsheet-safe
 * text) and the transform that writes each table as one sorted CSV file. Depends on {@code
 * model} and {@code aggregate}.
 */
package org.newsstance.output;
