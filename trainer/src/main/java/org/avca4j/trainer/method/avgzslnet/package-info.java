/**
 * AVGZSLNet (docs/baselines.md#avgzslnet): audio, video and text embedding nets and a shared
 * decoder to the text space, trained with reconstruction and triplet terms; scored by the sum of
 * the audio and the video distance.
 */
package org.avca4j.trainer.method.avgzslnet;
