package io.adaptseg.export.emit;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.Dropout;
import io.adaptseg.train.model.blocks.AsppConcat;
import io.adaptseg.train.model.blocks.AsppSum;
import io.adaptseg.train.model.blocks.BatchNorm2d;
import io.adaptseg.train.model.blocks.BilinearUpsample;
import io.adaptseg.train.model.blocks.Bottleneck;
import io.adaptseg.train.model.blocks.Decoder;
import io.adaptseg.train.model.blocks.DeepLabV2Net;
import io.adaptseg.train.model.blocks.DeepLabV3PlusNet;
import io.adaptseg.train.model.blocks.ImagePooling;
import io.adaptseg.train.model.blocks.LeakyRelu;
import io.adaptseg.train.model.blocks.MaxPool;
import io.adaptseg.train.model.blocks.Relu;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Block class → emitter, matched by exact class so that a subclass with other behaviour is never exported silently. */
public final class EmitterRegistry {
    private final Map<Class<?>, Bound<?>> emitters = new LinkedHashMap<>();

    /** An emitter with the block class it handles, so the registry can hand it its own type. */
    private record Bound<B extends Block>(Class<B> type, BlockEmitter<B> emitter) {
        List<String> emit(Block block, String path, List<String> inputs, Emission emission)
                throws UnsupportedBlockException {
            return emitter.emit(type.cast(block), path, inputs, emission);
        }
    }

    /** Emitters for every block of the networks' vocabulary ({@code io.adaptseg.train.model.blocks}). */
    public static EmitterRegistry standard() {
        return new EmitterRegistry()
                .register(Conv2d.class, new Conv2dEmitter())
                .register(SequentialBlock.class, new SequentialEmitter())
                .register(Dropout.class, new DropoutEmitter())
                .register(BatchNorm2d.class, new BatchNorm2dEmitter())
                .register(Relu.class, new ReluEmitter())
                .register(LeakyRelu.class, new LeakyReluEmitter())
                .register(MaxPool.class, new MaxPoolEmitter())
                .register(Bottleneck.class, new BottleneckEmitter())
                .register(AsppSum.class, new AsppSumEmitter())
                .register(AsppConcat.class, new AsppConcatEmitter())
                .register(ImagePooling.class, new ImagePoolingEmitter())
                .register(BilinearUpsample.class, new BilinearUpsampleEmitter())
                .register(Decoder.class, new DecoderEmitter())
                .register(DeepLabV2Net.class, new DeepLabV2Emitter())
                .register(DeepLabV3PlusNet.class, new DeepLabV3PlusEmitter());
    }

    /** Registers the emitter of blocks of exactly class {@code type}; one per block class. */
    public <B extends Block> EmitterRegistry register(Class<B> type, BlockEmitter<B> emitter) {
        if (emitters.putIfAbsent(type, new Bound<>(type, emitter)) != null) {
            throw new IllegalArgumentException("two emitters for " + type.getName());
        }
        return this;
    }

    /** The supported block classes' simple names, for messages. */
    public List<String> supported() {
        return emitters.keySet().stream().map(Class::getSimpleName).toList();
    }

    /**
     * Emits {@code block} with its registered emitter.
     *
     * @throws UnsupportedBlockException naming the block class and path when no emitter is registered
     */
    public List<String> emit(Block block, String path, List<String> inputs, Emission emission)
            throws UnsupportedBlockException {
        Bound<?> bound = emitters.get(block.getClass());
        if (bound == null) {
            throw new UnsupportedBlockException("cannot export " + block.getClass().getName() + " at "
                    + (path.isEmpty() ? "the network root" : path) + ": no ONNX emitter for this block type"
                    + " (supported: " + supported() + ")");
        }
        return bound.emit(block, path, inputs, emission);
    }
}
