package io.adaptseg.train.config;

/** An image size, written "W,H" in configs as in the reference scripts (also a two-element list). */
public record Size(int width, int height) {
    public Size {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a size needs positive width and height, found " + width + "," + height);
        }
    }

    @Override
    public String toString() {
        return width + "," + height;
    }
}
