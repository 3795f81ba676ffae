/**
 * ClipClap-GZSL (SUCCESSORS-SPEC §2) behind {@link org.avca4j.trainer.method.GzslMethod}: CLIP
 * video and CLAP audio vectors concatenated into one MLP, CLIP ‖ CLAP text, the learned
 * reconstruction target W_enc(w), dot-product cross-entropy in training and L2 distances at
 * inference; its published presets, its β grid linspace(0, 5, 76) and its stage-2 length E*+1.
 */
package org.avca4j.trainer.method.clipclap;
