/**
 * Training any method of {@code org.avca4j.trainer.method} (AVCA among them) through the two-stage
 * protocol (docs/method.md#training, docs/protocol.md).
 *
 * <p>{@link org.avca4j.trainer.training.Trainer} trains one stage of any {@link
 * org.avca4j.trainer.method.GzslMethod} (for AVCA, of any {@link
 * org.avca4j.trainer.model.AvcaNetwork}): {@link org.avca4j.trainer.training.ClassBalancedSampler}
 * draws the batches, {@link org.avca4j.trainer.training.ReduceLrOnPlateau} (PyTorch's schedule)
 * follows the validation HM, and {@link org.avca4j.trainer.training.Validation} scores clip sets
 * with the GZSL metrics of {@code org.avca4j.sdk.evaluation}. {@link
 * org.avca4j.trainer.training.ProtocolRunner} runs stage 1, stage 2 and the test. {@link
 * org.avca4j.trainer.training.Presets} hold the published hyper-parameters
 * (docs/method.md#hyper-parameters).
 *
 * <p>A run folder holds {@code metrics.jsonl} (one {@link org.avca4j.trainer.training.EpochRecord}
 * per line; figures are fractions in [0, 1]), {@code stage1/} and {@code stage2/} with {@code
 * checkpoint-epoch-NNN.bin} (the network) and {@code checkpoint-epoch-NNN.json} (the trainer's
 * state), and {@code run.json} (a {@link org.avca4j.trainer.training.ProtocolResult}). Every file
 * is written to a temporary file in the same folder and moved into place atomically. Every random
 * draw derives from the seed, the epoch and the step ({@link org.avca4j.trainer.training.Seeds}),
 * so an interrupted run resumed on its folder ends exactly as an uninterrupted one.
 *
 * <p>The package logs one SLF4J info line per epoch and never prints; {@link
 * org.avca4j.trainer.training.TrainingListener} reports progress to a user interface.
 */
package org.avca4j.trainer.training;
