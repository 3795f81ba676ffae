/**
 * AVCA as one {@link org.avca4j.trainer.method.GzslMethod} among the others: {@link
 * org.avca4j.trainer.method.avca.AvcaMethod} holds the published presets as {@link
 * org.avca4j.trainer.method.avca.AvcaSettings}, and {@link
 * org.avca4j.trainer.method.avca.AvcaMethodNetwork} drives any {@link
 * org.avca4j.trainer.model.AvcaNetwork} through the shared training loop (docs/architecture.md).
 */
package org.avca4j.trainer.method.avca;
