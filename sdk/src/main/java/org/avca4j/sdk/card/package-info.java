/**
 * The domain values a model card names: which benchmark ({@link org.avca4j.sdk.card.DatasetName}),
 * which feature set ({@link org.avca4j.sdk.card.FeatureSet}), which class split ({@link
 * org.avca4j.sdk.card.SplitName}) and which text order ({@link org.avca4j.sdk.card.TextOrder}) a
 * model was trained with. Each type has one {@code parse} for what users and files write and one
 * printed form per place it appears (card, download folder, report); the trainer and the command
 * line use the same types.
 */
package org.avca4j.sdk.card;
