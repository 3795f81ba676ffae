package org.avca4j.trainer.model;

/** The loss of one training step and its five terms (spec §4), before the update. */
public record StepLosses(double total, double rec, double ct, double w, double t, double r) {}
