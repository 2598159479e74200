package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSizeTest {
    @Test
    void widthComesFirst() {
        ImageSize size = ImageSize.parse("--size", "2048x1024", 1);
        assertEquals(2048, size.width());
        assertEquals(1024, size.height());
        assertEquals("2048x1024", size.toString());
    }

    @Test
    void upperCaseXAndSpacesAreAccepted() {
        assertEquals(new ImageSize(128, 64), ImageSize.parse("--size", "128X64", 1));
        assertEquals(new ImageSize(128, 64), ImageSize.parse("--size", " 128 x 64 ", 1));
    }

    @Test
    void badFormsNameTheOptionTheValueAndTheForm() {
        for (String bad : List.of("64", "", "x", "64x", "x64", "axb", "64x32x3", "64*32", "-64x32", "64x-32", "+64x32",
                "64.5x32", "64,32", "99999999999x32")) {
            UsageException e = assertThrows(UsageException.class, () -> ImageSize.parse("--size", bad, 1), bad);
            assertEquals("--size must be WIDTHxHEIGHT such as 2048x1024, found '" + bad + "'", e.getMessage());
        }
        UsageException nothing = assertThrows(UsageException.class, () -> ImageSize.parse("--size", null, 1));
        assertTrue(nothing.getMessage().startsWith("--size must be WIDTHxHEIGHT"), nothing.getMessage());
    }

    @Test
    void zeroIsBelowEveryBound() {
        for (String bad : List.of("0x64", "64x0", "0x0")) {
            UsageException e = assertThrows(UsageException.class, () -> ImageSize.parse("--sizes", bad, 1), bad);
            assertEquals("--sizes must be at least 1x1 (WIDTHxHEIGHT), found '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void lowerBoundsApplyPerSide() {
        assertEquals(new ImageSize(64, 32), ImageSize.parse("--large-size", "64x32", 64, 32));
        UsageException narrow = assertThrows(UsageException.class, () -> ImageSize.parse("--large-size", "63x32", 64, 32));
        assertEquals("--large-size must be at least 64x32 (WIDTHxHEIGHT), found '63x32'", narrow.getMessage());
        assertThrows(UsageException.class, () -> ImageSize.parse("--large-size", "64x31", 64, 32));
        assertThrows(UsageException.class, () -> ImageSize.parse("--size", "16x15", 16));
        assertEquals(new ImageSize(16, 16), ImageSize.parse("--size", "16x16", 16));
    }

    @Test
    void listsKeepTheirOrderAndRejectEmptyParts() {
        assertEquals(List.of(new ImageSize(1024, 512), new ImageSize(96, 64)),
                ImageSize.parseList("--sizes", "1024x512, 96X64", 1));
        for (String bad : List.of("96x64,", "96x64,,64x32", ",96x64", "96x64;64x32")) {
            UsageException e = assertThrows(UsageException.class, () -> ImageSize.parseList("--sizes", bad, 1), bad);
            assertTrue(e.getMessage().startsWith("--sizes must be WIDTHxHEIGHT such as 2048x1024, found '"), e.getMessage());
        }
    }

    @Test
    void aNonPositiveSizeOrBoundIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> new ImageSize(0, 5));
        assertThrows(IllegalArgumentException.class, () -> ImageSize.parse("--size", "5x5", 0));
    }
}
