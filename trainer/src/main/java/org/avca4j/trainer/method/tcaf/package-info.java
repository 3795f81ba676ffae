/**
 * TCaF (Mercea et al., ECCV 2022; SUCCESSORS-SPEC §1): a transformer over the time sequences of
 * audio and visual features with a class token and cross-modal attention only.
 *
 * <ul>
 *   <li>{@link org.avca4j.trainer.method.tcaf.TcafSettings}: the published configs (§1.2) and the
 *       quirks with their named fixes.
 *   <li>{@link org.avca4j.trainer.method.tcaf.TcafAttentionMask} and {@link
 *       org.avca4j.trainer.method.tcaf.TcafTimeCode}: the attention mask and the Fourier time codes
 *       (§1.4).
 *   <li>{@link org.avca4j.trainer.method.tcaf.TcafWeights} and {@link
 *       org.avca4j.trainer.method.tcaf.TcafForward}: the parameters with PyTorch's initialisation
 *       and a double-precision inference forward, the reference of the export and the SDK.
 *   <li>{@link org.avca4j.trainer.method.tcaf.TcafLoss}: the published loss (§0) on given
 *       embeddings.
 *   <li>{@link org.avca4j.trainer.method.tcaf.Stage2Length}, {@link
 *       org.avca4j.trainer.method.tcaf.TimeCodes}, {@link
 *       org.avca4j.trainer.method.tcaf.PaddingStatistics} and {@link
 *       org.avca4j.trainer.method.ExtraTrainPass}: the quirk settings (§1.8), each the reference's
 *       behaviour by default with a named fix.
 * </ul>
 */
package org.avca4j.trainer.method.tcaf;
