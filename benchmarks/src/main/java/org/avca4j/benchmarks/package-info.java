/** The entry point of the {@code avca4j} fat jar. */
package org.avca4j.benchmarks;
