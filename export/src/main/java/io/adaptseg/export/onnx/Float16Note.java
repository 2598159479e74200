package io.adaptseg.export.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One decision of the float16 conversion, naming what it concerns.
 *
 * @param name the initializer (or, for {@link Kind#BATCH_NORM}, the node)
 * @param count values affected (0 for {@link Kind#BATCH_NORM})
 * @param largest the largest |value| of the float32 tensor
 * @param keepsFloat32 whether the nodes reading it stay float32
 */
public record Float16Note(String name, Kind kind, int count, float largest, boolean keepsFloat32) {
    /** What was found. */
    public enum Kind {
        /** Values above float16's largest finite value, 65504: they would become inf. */
        OVERFLOW,
        /** Non-zero values below float16's smallest subnormal, about 6e-8: they would become 0. */
        UNDERFLOW,
        /** A batch norm that was not folded: its statistics live on the input's scale. */
        BATCH_NORM
    }

    /** What the conversion found, e.g. "has 3 values above 65504 (largest 1.46e+05)". */
    public String describe() {
        return switch (kind) {
            case OVERFLOW -> String.format(Locale.ROOT, "has %d value(s) above float16's 65504 (largest %.3g)",
                    count, largest);
            case UNDERFLOW -> String.format(Locale.ROOT, "has %d non-zero value(s) below float16's smallest"
                    + " subnormal 6e-8 (largest |value| %.3g)", count, largest);
            case BATCH_NORM -> "is a batch norm that could not be folded into a convolution";
        };
    }

    /** One line for the export's output: the tensor, the finding and what was done. */
    @Override
    public String toString() {
        String action = keepsFloat32 ? "kept in float32" : "flushed to zero in float16 (negligible)";
        return "float16: " + (kind == Kind.BATCH_NORM ? "node '" : "initializer '") + name + "' " + describe()
                + ": " + action;
    }

    /**
     * The lines the export prints: every note that changed the graph (kept float32, a batch norm)
     * on its own line, and the negligible underflows in one line, because a deep network has dozens
     * of weights with a value or two below float16's subnormals and a line each buries the rest.
     */
    public static List<String> summarise(List<Float16Note> notes) {
        List<String> lines = new ArrayList<>();
        List<Float16Note> flushed = new ArrayList<>();
        for (Float16Note n : notes) {
            if (n.kind() == Kind.UNDERFLOW && !n.keepsFloat32()) {
                flushed.add(n);
            } else {
                lines.add(n.toString());
            }
        }
        if (flushed.size() == 1) {
            lines.add(flushed.getFirst().toString());
        } else if (!flushed.isEmpty()) {
            int values = flushed.stream().mapToInt(Float16Note::count).sum();
            int most = flushed.stream().mapToInt(Float16Note::count).max().orElseThrow();
            List<String> names = flushed.stream().limit(3).map(n -> "'" + n.name() + "'").toList();
            lines.add(String.format(Locale.ROOT, "float16: %d initializers have non-zero values below float16's smallest"
                    + " subnormal 6e-8 (%d values in all, at most %d in one tensor; e.g. %s): flushed to zero in float16"
                    + " (negligible)", flushed.size(), values, most, String.join(", ", names)));
        }
        return lines;
    }
}
