/**
 * CJME (docs/baselines.md#cjme): audio, video and text embedding nets trained with triplets
 * weighted by an attention gate, the gate supervised by which modality is more confident about the
 * training classes; scored by the gate's hard choice between the audio and the video distance.
 */
package org.avca4j.trainer.method.cjme;
