/**
 * APN as the AVCA paper's reference runs it on feature vectors (docs/baselines.md#apn): two
 * bias-free maps of {@code [v ‖ a]} into the text space trained with cross-entropy and regression
 * terms, the first one scored at test by the Euclidean distance to the raw class embeddings.
 */
package org.avca4j.trainer.method.apn;
