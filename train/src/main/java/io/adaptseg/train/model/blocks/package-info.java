/**
 * The block vocabulary the networks are built from, and nothing else, so that the ONNX exporter needs
 * exactly one emitter per class. From DJL: {@code Conv2d} (kernel, stride, padding, dilation, groups,
 * bias via its getters), {@code SequentialBlock} (children in order), {@code Dropout} (identity at
 * inference). Ours: {@link io.adaptseg.train.model.blocks.BatchNorm2d},
 * {@link io.adaptseg.train.model.blocks.Relu}, {@link io.adaptseg.train.model.blocks.LeakyRelu},
 * {@link io.adaptseg.train.model.blocks.MaxPool}, {@link io.adaptseg.train.model.blocks.Bottleneck},
 * {@link io.adaptseg.train.model.blocks.AsppSum}, {@link io.adaptseg.train.model.blocks.AsppConcat},
 * {@link io.adaptseg.train.model.blocks.ImagePooling},
 * {@link io.adaptseg.train.model.blocks.BilinearUpsample}, {@link io.adaptseg.train.model.blocks.Decoder},
 * and the two network roots {@link io.adaptseg.train.model.blocks.DeepLabV2Net} (trunk + head fan-out)
 * and {@link io.adaptseg.train.model.blocks.DeepLabV3PlusNet}. No {@code LambdaBlock} anywhere. Each
 * class documents its dataflow and exposes, through getters, every attribute an exporter needs.
 */
package io.adaptseg.train.model.blocks;
