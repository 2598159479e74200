/**
 * The AdaIN style translator's networks (Huang and Belongie 2017, after naoto0804/pytorch-AdaIN): a fixed
 * VGG-19 encoder up to relu4_1 ({@link VggEncoder}, weights from {@link VggWeights}), the AdaIN operation
 * and losses ({@link AdainOps}), the trainable mirrored decoder ({@link AdainDecoder}), both
 * {@link ConvStack}s of {@link Layer}s, the {@link Translator} that joins them, and a translator read back
 * from an adain or a joint-translator checkpoint ({@link TranslatorCheckpoint}). What trains and applies
 * them is in {@code train.translation}; joint training with a segmenter is in {@code train.method}.
 * docs/style-transfer.md has the maths and the reference lines.
 */
package io.adaptseg.train.translator;
