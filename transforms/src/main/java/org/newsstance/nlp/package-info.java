/**
 * OpenNLP wrappers: sentence splitting and language guessing. Models load once per JVM from the
 * classpath (the model jars); the per-instance detectors are not thread-safe and belong to one
 * DoFn instance each. Depends on nothing else in newsstance.
 */
package org.newsstance.nlp;
