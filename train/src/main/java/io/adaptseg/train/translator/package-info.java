/**
 * The AdaIN style translator (Huang and Belongie 2017, after naoto0804/pytorch-AdaIN): a fixed VGG-19
 * encoder up to relu4_1 ({@link VggEncoder}, weights from {@link VggWeights}), the AdaIN operation and
 * losses ({@link AdainOps}), the trainable mirrored decoder ({@link AdainDecoder}), the method the
 * training loop runs ({@link AdainMethod}, config {@code method: adain}), the encoder's pretraining as a
 * source segmenter for when no ImageNet VGG file is at hand ({@link VggPretraining}, {@code method:
 * vgg-pretrain}), their run ({@link TranslatorRun}), a translator read back from an adain or a
 * joint-translator checkpoint ({@link TranslatorCheckpoint}), and the translation of a whole dataset
 * ({@link DatasetStylizer}). docs/style-transfer.md has the maths
 * and the reference lines.
 */
package io.adaptseg.train.translator;
