/**
 * The AVCA model (docs/method.md#model, docs/method.md#training): its architecture ({@link
 * org.avca4j.trainer.model.AvcaConfig}), the training contract ({@link
 * org.avca4j.trainer.model.AvcaNetwork}), its SameDiff implementation ({@link
 * org.avca4j.trainer.model.SameDiffAvcaNetwork}) and the hand-over of trained weights to export
 * ({@link org.avca4j.trainer.model.AvcaWeights}).
 */
package org.avca4j.trainer.model;
