/**
 * DJL blocks → ONNX nodes: one {@link io.adaptseg.export.emit.BlockEmitter} per block class of the
 * networks' vocabulary ({@code io.adaptseg.train.model.blocks}, plus DJL's {@code Conv2d},
 * {@code SequentialBlock} and {@code Dropout}), looked up by exact class in an
 * {@link io.adaptseg.export.emit.EmitterRegistry}. A block without an emitter is an error naming the
 * block and its path, never a silently wrong graph.
 */
package io.adaptseg.export.emit;
