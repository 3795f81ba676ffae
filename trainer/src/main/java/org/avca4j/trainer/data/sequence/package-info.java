/**
 * Clips as feature sequences, for the methods that attend over time (TCaF, SUCCESSORS-SPEC §1).
 *
 * <ul>
 *   <li>{@link org.avca4j.trainer.data.sequence.SequenceClipSet}: clips of {@code [T_i][D]} audio
 *       and video rows (audio and video lengths may differ), class ids, names and the set's seen
 *       and unseen classes; what a reader of the per-class {@code .pkl} layout produces.
 *   <li>{@link org.avca4j.trainer.data.sequence.SequenceBenchmark}: the four sets of the protocol
 *       with class names and text embeddings, as {@link org.avca4j.trainer.data.Benchmark} for
 *       vectors.
 *   <li>{@link org.avca4j.trainer.data.sequence.SequenceCollation}: how clips become one padded
 *       {@link org.avca4j.trainer.data.sequence.SequenceBatch} with masks and time stamps: padding
 *       to the longest clip, or the fixed windows of ActivityNet.
 *   <li>{@link org.avca4j.trainer.data.sequence.SyntheticSequences}: synthetic sequences in memory,
 *       built from a synthetic vector benchmark.
 * </ul>
 */
package org.avca4j.trainer.data.sequence;
