/**
 * The method abstraction: what differs between AVCA and the methods it is compared with (network,
 * BatchNorm call order, loss, optimiser settings, inference scoring, export) sits behind {@link
 * org.avca4j.trainer.method.GzslMethod} and {@link org.avca4j.trainer.method.MethodNetwork}; the
 * reader, sampler, protocol, β search, metrics, checkpoints, reports and command line are shared.
 * Each method lives in its own sub-package.
 */
package org.avca4j.trainer.method;
