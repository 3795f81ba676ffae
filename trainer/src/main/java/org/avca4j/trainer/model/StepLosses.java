package org.avca4j.trainer.model;

/**
 * The loss of one training step and its five terms (docs/method.md#training), before the update.
 */
public record StepLosses(double total, double rec, double ct, double w, double t, double r) {}
