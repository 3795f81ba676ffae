/**
 * ALE, SJE and DEVISE as the AVCA paper's reference runs them (docs/baselines.md#devise-family):
 * one bilinear map of {@code [v ‖ a]} into the text space, trained with one of three ranking hinge
 * losses against the training classes' embeddings, scored at test by the Euclidean distance to the
 * raw class embeddings.
 */
package org.avca4j.trainer.method.devise;
