package io.adaptseg.train.weights;

/**
 * One tensor of a weight file, whatever its format: its name in the file, shape, element type as the
 * file names it, and its values as float32 when the type is floating (null otherwise).
 */
public record FileTensor(String name, long[] shape, String type, boolean floating, float[] values) {
    /** The shape as PyTorch prints it, e.g. {@code (19, 2048, 3, 3)}. */
    public String shapeText() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
