/**
 * Zero-shot audio-visual classification with an AVCA model exported to ONNX: {@link
 * org.avca4j.sdk.ZeroShotClassifier} (built fluently, thread-safe), the immutable {@link
 * org.avca4j.sdk.CandidateSet}s a request can classify against, the {@link
 * org.avca4j.sdk.ModelCard} the model carries, and the predictions it returns; {@link
 * org.avca4j.sdk.OutputPruner} reduces a model to what some of its outputs need. docs/sdk-guide.md
 * shows how to use it; docs/model-format.md describes the model file.
 */
package org.avca4j.sdk;
