/**
 * Text analysis below the level of stance: OpenNLP wrappers for sentence splitting (English,
 * German, French) and language guessing, and {@link org.newsstance.nlp.MinHash} fingerprints for
 * near-duplicate detection. Models load once per JVM from the classpath (the model jars); the
 * per-instance detectors are not thread-safe and belong to one DoFn instance each. Depends on
 * nothing else in newsstance.
 */
package org.newsstance.nlp;
