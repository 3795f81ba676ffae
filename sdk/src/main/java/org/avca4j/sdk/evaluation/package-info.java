/**
 * GZSL evaluation (docs/protocol.md): distances from clips to candidate classes, calibrated
 * stacking, per-class accuracies, S, U, HM and ZSL, and the search for β. Plain Java, shared by the
 * trainer's validation and the SDK.
 */
package org.avca4j.sdk.evaluation;
