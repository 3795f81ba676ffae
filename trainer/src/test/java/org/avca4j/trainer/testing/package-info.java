/**
 * Test fixtures shared by the test code of every module: random weights and rows, the plain-Java
 * reference forward the SameDiff network and the exported ONNX graph are checked against, and a
 * listener that simulates a crash at a chosen step or epoch.
 *
 * <p>This package lives in the trainer's test sources and nowhere in production code; the trainer
 * publishes it as its test-jar ({@code avca4j-trainer:tests}), which {@code benchmarks} and {@code
 * examples} use in test scope. It cannot be a module of its own: the fixtures are built on trainer
 * types ({@code AvcaWeights}, {@code TrainingListener}) and the trainer's own tests use them, so a
 * separate module would depend on the trainer and the trainer's tests on it, a cycle Maven refuses.
 */
package org.avca4j.trainer.testing;
