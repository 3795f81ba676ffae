/**
 * The reproduction pipeline behind the {@code reproduce}, {@code evaluate} and {@code demo}
 * commands: the protocol of one seed ({@link org.avca4j.benchmarks.pipeline.SeedRunner}), the
 * export of the tested model, its evaluation through the SDK ({@link
 * org.avca4j.benchmarks.pipeline.SdkEvaluation}, the one code path both commands use), and the
 * reproduction of whole benchmarks over seeds with its report ({@link
 * org.avca4j.benchmarks.pipeline.Reproduction}).
 */
package org.avca4j.benchmarks.pipeline;
