/**
 * Speed measurements of the SDK on exported models: latency percentiles, throughput and the SDK's
 * overhead over a bare ONNX Runtime session, and the {@code infer} command that prints them.
 */
package org.avca4j.benchmarks.perf;
