package io.adaptseg.export.emit;

import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Block class → emitter, matched by exact class so that a subclass with other behaviour is never exported silently. */
public final class EmitterRegistry {
    private final Map<Class<?>, BlockEmitter<?>> emitters = new LinkedHashMap<>();

    /** Emitters for every block of the networks' vocabulary ({@code io.adaptseg.train.model.blocks}). */
    public static EmitterRegistry standard() {
        return new EmitterRegistry()
                .register(new Conv2dEmitter())
                .register(new SequentialEmitter())
                .register(new DropoutEmitter())
                .register(new BatchNorm2dEmitter())
                .register(new ReluEmitter())
                .register(new LeakyReluEmitter())
                .register(new MaxPoolEmitter())
                .register(new BottleneckEmitter())
                .register(new AsppSumEmitter())
                .register(new AsppConcatEmitter())
                .register(new ImagePoolingEmitter())
                .register(new BilinearUpsampleEmitter())
                .register(new DecoderEmitter())
                .register(new DeepLabV2Emitter())
                .register(new DeepLabV3PlusEmitter());
    }

    /** Registers an emitter; one per block class. */
    public EmitterRegistry register(BlockEmitter<?> emitter) {
        if (emitters.putIfAbsent(emitter.blockType(), emitter) != null) {
            throw new IllegalArgumentException("two emitters for " + emitter.blockType().getName());
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
        BlockEmitter<?> emitter = emitters.get(block.getClass());
        if (emitter == null) {
            throw new UnsupportedBlockException("cannot export " + block.getClass().getName() + " at "
                    + (path.isEmpty() ? "the network root" : path) + ": no ONNX emitter for this block type"
                    + " (supported: " + supported() + ")");
        }
        return call(emitter, block, path, inputs, emission);
    }

    private static <B extends Block> List<String> call(BlockEmitter<B> emitter, Block block, String path,
                                                       List<String> inputs, Emission emission)
            throws UnsupportedBlockException {
        return emitter.emit(emitter.blockType().cast(block), path, inputs, emission);
    }
}
