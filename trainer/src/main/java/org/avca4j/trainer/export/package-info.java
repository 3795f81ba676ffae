/**
 * Export of a trained AVCA model's inference path to ONNX, with its model card, for the SDK ({@link
 * org.avca4j.trainer.export.AvcaOnnxExporter}).
 */
package org.avca4j.trainer.export;
