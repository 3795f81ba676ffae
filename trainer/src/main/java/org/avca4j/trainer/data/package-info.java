/**
 * Reading and writing benchmarks in the layout of the AVCA download (spec §2): class splits,
 * HDF5 feature files, the pickled text embeddings, and synthetic data in the same layout.
 */
package org.avca4j.trainer.data;
