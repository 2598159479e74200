/**
 * Training and applying the style translator ({@code train.translator} holds its networks): the methods
 * the training loop runs ({@link AdainMethod}, config {@code method: adain}; the encoder's pretraining as a
 * source segmenter for when no ImageNet VGG file is at hand, {@link VggPretraining}, {@code method:
 * vgg-pretrain}), their run ({@link TranslatorRun}, beside the segmenters' {@code train.run}), and the
 * translation of a whole dataset ({@link Stylization}, {@link DatasetStylizer}, behind {@code adaptseg
 * stylize}). Which run a config asks for is {@link io.adaptseg.train.config.RunKind}'s answer.
 */
package io.adaptseg.train.translation;
