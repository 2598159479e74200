package io.adaptseg.core.image;

import io.adaptseg.core.AdaptsegException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Input images of any format: PNG through the project's own {@link PngCodec}, everything else
 * (JPEG, BMP, GIF, TIFF, WBMP and whatever plugins are on the class path) through ImageIO. The
 * format is told by the file's first bytes, not by its name, so a mis-named file still decodes.
 *
 * <p>The {@link PixelBudget} holds for every format: ImageIO's reader is asked for the size in
 * the header ({@link ImageReader#getWidth}) and the image is refused before {@link ImageReader#read}
 * allocates its pixels.
 */
public final class ImageFiles {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ImageFiles() {
    }

    /** The lower-case file extensions the readers know (png, jpg, jpeg, bmp, gif, tif, tiff, wbmp, …). */
    public static Set<String> extensions() {
        Set<String> out = new TreeSet<>();
        out.add("png");
        for (String s : ImageIO.getReaderFileSuffixes()) {
            if (!s.isBlank()) {
                out.add(s.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Whether a file name ends with one of {@link #extensions()}. */
    public static boolean hasImageExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && extensions().contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Reads an image as 8-bit RGB; a header over {@code budget} is refused before its pixels are
     * allocated.
     *
     * @throws AdaptsegException naming the file: missing, unreadable, unknown format, too large, corrupt
     */
    public static RgbImage readRgb(Path file, PixelBudget budget) throws AdaptsegException {
        if (isPng(file)) {
            return PngCodec.readRgb(file, budget);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new AdaptsegException(file + ": cannot open for reading");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new AdaptsegException(file + ": not an image format this program reads (known: " + extensions() + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                String format = reader.getFormatName().toUpperCase(Locale.ROOT);
                budget.check(reader.getWidth(0), reader.getHeight(0), format, file.toString());
                BufferedImage image = reader.read(0);
                return ImageIoPng.toRgb(image);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO reports truncated or corrupt streams as IIOException and some as runtime exceptions
            throw new AdaptsegException(file + ": not a readable image (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isPng(Path file) throws AdaptsegException {
        byte[] start = new byte[PNG_SIGNATURE.length];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(start, 0, start.length);
            return n == start.length && Arrays.equals(start, PNG_SIGNATURE);
        } catch (NoSuchFileException e) {
            throw new AdaptsegException(file + ": file not found");
        } catch (AccessDeniedException e) {
            throw new AdaptsegException(file + ": permission denied");
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new AdaptsegException(file + ": is a directory, expected an image file");
            }
            throw new AdaptsegException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
