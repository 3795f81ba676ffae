/**
 * f-VAEGAN-D2 (docs/baselines.md#f-vaegan-d2): a conditional generator and encoder trained against
 * two WGAN-GP critics on x = L2n([a ‖ v]) conditioned on the class text embedding, then evaluated
 * by softmax classifiers trained on synthesised features of the unseen classes. {@link
 * org.avca4j.trainer.method.fvaegan.FvaeganProtocol} runs it; {@link
 * org.avca4j.trainer.method.fvaegan.FvaeganMethod} registers it.
 */
package org.avca4j.trainer.method.fvaegan;
