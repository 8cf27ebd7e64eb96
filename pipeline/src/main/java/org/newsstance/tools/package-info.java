/**
 * Command-line tools that support the pipeline without being part of it: {@link
 * org.newsstance.tools.GenerateCorpus} writes large, deterministic synthetic corpora for fault
 * tests and benchmarks. Plain Java (Jackson for JSON), no Beam; nothing in the pipeline may depend
 * on this package.
 */
package org.newsstance.tools;
