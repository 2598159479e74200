package io.adaptseg.runtime.backend;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Session settings that change how fast ONNX Runtime runs a model, never what it computes (the
 * {@code bench tuning} command measures each against the defaults, docs/benchmarks.md).
 *
 * @param optimization graph optimisation level; ONNX Runtime's default, {@link GraphOptimization#ALL}
 * @param spinning whether idle intra-op threads spin waiting for work ({@code session.intra_op.allow_spinning});
 *     spinning saves the wake-up latency between operators but burns a core that other processes may want
 * @param memoryPattern whether ONNX Runtime plans the run's allocations from the first run (fixed shapes)
 * @param cpuArena whether CPU tensors come from ONNX Runtime's arena rather than malloc
 * @param optimizedModel where ONNX Runtime writes the optimised graph when the session is created
 *     ({@code SetOptimizedModelFilePath}); a later session can load that file with {@link GraphOptimization#NONE}
 *     and skip the optimisation. The file holds layout-specific operators, so it belongs to this machine.
 */
public record SessionTuning(GraphOptimization optimization, boolean spinning, boolean memoryPattern, boolean cpuArena,
                            Optional<Path> optimizedModel) {
    /** ONNX Runtime's own defaults. */
    public static final SessionTuning DEFAULTS = new SessionTuning(GraphOptimization.ALL, true, true, true,
            Optional.empty());

    /** The session config key that switches intra-op spinning. */
    public static final String ALLOW_SPINNING = "session.intra_op.allow_spinning";

    public SessionTuning withOptimization(GraphOptimization level) {
        return new SessionTuning(level, spinning, memoryPattern, cpuArena, optimizedModel);
    }

    public SessionTuning withSpinning(boolean on) {
        return new SessionTuning(optimization, on, memoryPattern, cpuArena, optimizedModel);
    }

    public SessionTuning withMemoryPattern(boolean on) {
        return new SessionTuning(optimization, spinning, on, cpuArena, optimizedModel);
    }

    public SessionTuning withCpuArena(boolean on) {
        return new SessionTuning(optimization, spinning, memoryPattern, on, optimizedModel);
    }

    public SessionTuning withOptimizedModel(Path file) {
        return new SessionTuning(optimization, spinning, memoryPattern, cpuArena, Optional.of(file));
    }
}
