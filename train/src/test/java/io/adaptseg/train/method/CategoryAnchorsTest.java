package io.adaptseg.train.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CategoryAnchorsTest {
    @Test
    void runningMeanWithCappedCount() {
        CategoryAnchors a = new CategoryAnchors(2, 2, 2);
        a.update(0, new float[] {2, 4});
        assertArrayEquals(new float[] {2, 4}, a.vector(0));
        a.update(0, new float[] {4, 0}); // (2*1 + 4)/2, (4*1 + 0)/2
        assertArrayEquals(new float[] {3, 2}, a.vector(0));
        assertEquals(2, a.count(0));
        a.update(0, new float[] {6, 2}); // count capped at 2: (3*2 + 6)/3, (2*2 + 2)/3
        assertArrayEquals(new float[] {4, 2}, a.vector(0), 1e-6f);
        assertEquals(2, a.count(0));
        a.update(1, new float[] {0, 0}); // an all-zero centroid is skipped
        assertEquals(0, a.count(1));
        assertArrayEquals(new boolean[] {true, false}, a.present());
        assertThrows(IllegalArgumentException.class, () -> a.update(1, new float[] {1, 2, 3}));
    }

    @Test
    void savesAndLoads(@TempDir Path dir) throws Exception {
        CategoryAnchors a = new CategoryAnchors(3, 2, 3000);
        a.update(2, new float[] {1.5f, -2});
        Path file = dir.resolve("anchors.npz");
        a.save(file);
        CategoryAnchors b = CategoryAnchors.load(file);
        assertEquals(3, b.numClasses());
        assertArrayEquals(new float[] {1.5f, -2}, b.vector(2));
        assertEquals(1, b.count(2));
        assertFalse(b.present()[0]);
        assertTrue(b.present()[2]);
    }

    @Test
    void badFilesAreNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.npz");
        var e = assertThrows(AdaptsegException.class, () -> CategoryAnchors.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        Path junk = dir.resolve("junk.npz");
        Files.writeString(junk, "not an npz");
        e = assertThrows(AdaptsegException.class, () -> CategoryAnchors.load(junk));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
    }
}
