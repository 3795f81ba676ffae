/**
 * Reading and writing benchmarks in the layout of the AVCA download (docs/data-format.md).
 *
 * <ul>
 *   <li>{@link org.avca4j.trainer.data.BenchmarkReader}: a whole benchmark into a {@link
 *       org.avca4j.trainer.data.Benchmark} of four {@link org.avca4j.trainer.data.ClipSet}s.
 *   <li>{@link org.avca4j.trainer.data.ClassSplits}: class ids, manual names and split lists, and
 *       the text order of docs/protocol.md#text-order ({@link org.avca4j.sdk.card.TextOrder}),
 *       without features.
 *   <li>{@link org.avca4j.trainer.data.TextEmbeddings}: the pickled {@code .npy} dict, read through
 *       an allow-list of numpy globals and written so that numpy loads it.
 *   <li>{@link org.avca4j.trainer.data.Hdf5Features}: a class's HDF5 feature file (jhdf).
 *   <li>{@link org.avca4j.trainer.data.SyntheticBenchmark}: synthetic data in the same layout, on
 *       disk or in memory.
 * </ul>
 *
 * Every file is read through {@code InputFile}: regular files only, a byte limit per kind, strict
 * UTF-8 without a byte-order mark. Bad input raises {@link
 * org.avca4j.trainer.data.BenchmarkFormatException}, naming the file and what was expected.
 */
package org.avca4j.trainer.data;
