/**
 * Zero-shot audio-visual classification with an AVCA model exported to ONNX: {@link
 * org.avca4j.sdk.ZeroShotClassifier} (built fluently, thread-safe, one ONNX Runtime session), the
 * immutable {@link org.avca4j.sdk.CandidateSet}s a request can classify against, the {@link
 * org.avca4j.sdk.ModelCard} the model carries, and the predictions it returns. docs/sdk-guide.md
 * shows how to use it; docs/model-format.md describes the model file.
 */
package org.avca4j.sdk;
