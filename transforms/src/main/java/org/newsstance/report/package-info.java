/**
 * The visual report of a run ({@code report.html}), built in plain Java from the run's CSVs and
 * manifest after the pipeline has finished. Depends on no other newsstance package.
 */
package org.newsstance.report;
