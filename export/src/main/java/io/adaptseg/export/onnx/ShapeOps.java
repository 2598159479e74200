package io.adaptseg.export.onnx;

import java.util.List;

/** Small shape computations shared by emitters that must stay dynamic in N, H and W. */
public final class ShapeOps {
    private ShapeOps() {
    }

    /** The int64 [4] tensor {@code [N, C] of x ++ [H, W] of reference}: a Resize target size. */
    public static String resizeTarget(GraphBuilder g, String hint, String x, String reference) {
        String nc = slice(g, hint + "_nc", g.node("Shape", hint + "_xshape", List.of(x)), 0, 2);
        String hw = slice(g, hint + "_hw", g.node("Shape", hint + "_refshape", List.of(reference)), 2, 4);
        return g.node("Concat", hint + "_size", List.of(nc, hw), Attributes.integer("axis", 0));
    }

    /** The int64 [4] tensor {@code [1, 1, H, W]} of a reference: an Expand target that broadcasts a [N,C,1,1] map. */
    public static String broadcastTarget(GraphBuilder g, String hint, String reference) {
        String hw = slice(g, hint + "_hw", g.node("Shape", hint + "_refshape", List.of(reference)), 2, 4);
        String ones = g.int64(hint + "_ones", new long[] {1, 1}, 2);
        return g.node("Concat", hint + "_size", List.of(ones, hw), Attributes.integer("axis", 0));
    }

    /** {@code shape[start:end]} of an int64 1-D tensor. */
    public static String slice(GraphBuilder g, String hint, String shape, long start, long end) {
        return g.node("Slice", hint, List.of(shape, g.int64(hint + "_start", new long[] {start}, 1),
                g.int64(hint + "_end", new long[] {end}, 1)));
    }
}
