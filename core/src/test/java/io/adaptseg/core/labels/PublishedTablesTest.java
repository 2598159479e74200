package io.adaptseg.core.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every id map and label set against the published tables, written out here by hand and not derived
 * from the classes under test: cityscapesScripts {@code helpers/labels.py} (name, id, trainId,
 * colour), the SYNTHIA-RAND-CITYSCAPES → Cityscapes map of docs/methods.md, and the 16- and 13-class
 * SYNTHIA protocols as MaxSquare and CLAN index them.
 */
class PublishedTablesTest {
    /** cityscapesScripts labels.py: name, id, trainId, r, g, b (license plate id -1 left out). */
    private static final Object[][] CITYSCAPES = {
        {"unlabeled", 0, 255, 0, 0, 0},
        {"ego vehicle", 1, 255, 0, 0, 0},
        {"rectification border", 2, 255, 0, 0, 0},
        {"out of roi", 3, 255, 0, 0, 0},
        {"static", 4, 255, 0, 0, 0},
        {"dynamic", 5, 255, 111, 74, 0},
        {"ground", 6, 255, 81, 0, 81},
        {"road", 7, 0, 128, 64, 128},
        {"sidewalk", 8, 1, 244, 35, 232},
        {"parking", 9, 255, 250, 170, 160},
        {"rail track", 10, 255, 230, 150, 140},
        {"building", 11, 2, 70, 70, 70},
        {"wall", 12, 3, 102, 102, 156},
        {"fence", 13, 4, 190, 153, 153},
        {"guard rail", 14, 255, 180, 165, 180},
        {"bridge", 15, 255, 150, 100, 100},
        {"tunnel", 16, 255, 150, 120, 90},
        {"pole", 17, 5, 153, 153, 153},
        {"polegroup", 18, 255, 153, 153, 153},
        {"traffic light", 19, 6, 250, 170, 30},
        {"traffic sign", 20, 7, 220, 220, 0},
        {"vegetation", 21, 8, 107, 142, 35},
        {"terrain", 22, 9, 152, 251, 152},
        {"sky", 23, 10, 70, 130, 180},
        {"person", 24, 11, 220, 20, 60},
        {"rider", 25, 12, 255, 0, 0},
        {"car", 26, 13, 0, 0, 142},
        {"truck", 27, 14, 0, 0, 70},
        {"bus", 28, 15, 0, 60, 100},
        {"caravan", 29, 255, 0, 0, 90},
        {"trailer", 30, 255, 0, 0, 110},
        {"train", 31, 16, 0, 80, 100},
        {"motorcycle", 32, 17, 0, 0, 230},
        {"bicycle", 33, 18, 119, 11, 32},
    };

    /** SYNTHIA-RAND-CITYSCAPES raw id → Cityscapes trainId (docs/methods.md); ids 0, 13, 14, 22 are ignored. */
    private static final int[][] SYNTHIA = {
        {3, 0}, {4, 1}, {2, 2}, {21, 3}, {5, 4}, {7, 5}, {15, 6}, {9, 7}, {6, 8}, {16, 9}, {1, 10},
        {10, 11}, {17, 12}, {8, 13}, {18, 14}, {19, 15}, {20, 16}, {12, 17}, {11, 18}};

    /** SYNTHIA raw id → output index of a 16-class model (MaxSquare's synthia id_to_trainid). */
    private static final int[][] SYNTHIA16_INDEX = {
        {3, 0}, {4, 1}, {2, 2}, {21, 3}, {5, 4}, {7, 5}, {15, 6}, {9, 7}, {6, 8}, {1, 9}, {10, 10},
        {17, 11}, {8, 12}, {19, 13}, {12, 14}, {11, 15}};

    private static final List<String> SYNTHIA16_NAMES = List.of("road", "sidewalk", "building", "wall", "fence",
            "pole", "traffic light", "traffic sign", "vegetation", "sky", "person", "rider", "car", "bus",
            "motorcycle", "bicycle");

    private static final List<String> SYNTHIA13_NAMES = List.of("road", "sidewalk", "building", "traffic light",
            "traffic sign", "vegetation", "sky", "person", "rider", "car", "bus", "motorcycle", "bicycle");

    @Test
    void cityscapesClassesHaveThePublishedNamesIdsAndColours() {
        int trainId = 0;
        for (Object[] row : CITYSCAPES) {
            if ((int) row[2] == 255) {
                continue;
            }
            CityscapesClass c = CityscapesClass.values()[trainId];
            assertEquals(row[0], c.displayName());
            assertEquals((int) row[1], c.labelId(), c.displayName());
            assertEquals((int) row[2], c.trainId(), c.displayName());
            int rgb = ((int) row[3] << 16) | ((int) row[4] << 8) | (int) row[5];
            assertEquals(rgb, c.rgb(), c.displayName() + " colour");
            trainId++;
        }
        assertEquals(19, trainId);
        assertEquals(19, CityscapesClass.values().length);
    }

    @Test
    void labelIdToTrainIdMatchesLabelsPy() {
        IdMap map = IdMaps.CITYSCAPES_LABELID_TO_TRAINID;
        for (Object[] row : CITYSCAPES) {
            int id = (int) row[1];
            assertTrue(map.isKnown(id), "id " + id);
            assertEquals((int) row[2], map.map(id), (String) row[0]);
        }
        // License plate (id -1) is stored as 255 in uint8 label files.
        assertTrue(map.isKnown(255));
        assertEquals(255, map.map(255));
        for (int id = 34; id < 255; id++) {
            assertFalse(map.isKnown(id), "id " + id + " is no Cityscapes label");
        }
        assertFalse(map.isKnown(-1));
        assertFalse(map.isKnown(256));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map.map(40));
        assertTrue(e.getMessage().contains("40"), e.getMessage());
    }

    @Test
    void trainIdToLabelIdInvertsLabelsPyForTheOfficialFormat() {
        IdMap map = IdMaps.TRAINID_TO_LABELID;
        Map<Integer, Integer> expected = new HashMap<>();
        for (Object[] row : CITYSCAPES) {
            if ((int) row[2] != 255) {
                expected.put((int) row[2], (int) row[1]);
            }
        }
        for (int t = 0; t < 256; t++) {
            if (expected.containsKey(t)) {
                assertEquals(expected.get(t), map.map(t), "trainId " + t);
            } else if (t == 255) {
                assertEquals(0, map.map(t), "ignore is written as unlabeled");
            } else {
                assertFalse(map.isKnown(t), "trainId " + t);
            }
        }
    }

    @Test
    void trainIdIdentityKnowsOnlyTheNineteenClassesAndIgnore() {
        IdMap map = IdMaps.TRAINID_IDENTITY;
        for (int t = 0; t < 19; t++) {
            assertEquals(t, map.map(t));
        }
        assertEquals(255, map.map(255));
        for (int t = 19; t < 255; t++) {
            assertFalse(map.isKnown(t), "trainId " + t);
        }
    }

    @Test
    void synthiaToTrainIdMatchesTheTable() {
        IdMap map = IdMaps.SYNTHIA_TO_TRAINID;
        int[] expected = new int[23];
        java.util.Arrays.fill(expected, 255);
        for (int[] pair : SYNTHIA) {
            expected[pair[0]] = pair[1];
        }
        for (int id = 0; id < 23; id++) {
            assertTrue(map.isKnown(id), "synthia id " + id);
            assertEquals(expected[id], map.map(id), "synthia id " + id);
        }
        assertFalse(map.isKnown(23));
        assertFalse(map.isKnown(65535));
    }

    @Test
    void synthiaProtocolsIndexClassesAsTheReferenceRepos() {
        assertEquals(SYNTHIA16_NAMES, LabelSet.SYNTHIA16.names());
        assertEquals(SYNTHIA13_NAMES, LabelSet.SYNTHIA13.names());
        for (int[] pair : SYNTHIA16_INDEX) {
            int trainId = IdMaps.SYNTHIA_TO_TRAINID.map(pair[0]);
            assertEquals(pair[1], LabelSet.SYNTHIA16.fromTrainId(trainId), "synthia id " + pair[0]);
        }
        for (String dropped : List.of("terrain", "truck", "train")) {
            int trainId = trainIdOf(dropped);
            assertEquals(IdMap.IGNORE, LabelSet.SYNTHIA16.fromTrainId(trainId), dropped);
        }
        for (int i = 0; i < SYNTHIA13_NAMES.size(); i++) {
            int trainId = trainIdOf(SYNTHIA13_NAMES.get(i));
            assertEquals(i, LabelSet.SYNTHIA13.fromTrainId(trainId), SYNTHIA13_NAMES.get(i));
            assertEquals(trainId, LabelSet.SYNTHIA13.toTrainId(i));
        }
    }

    @Test
    void cityscapes19IsTheTrainIdOrderWithOfficialColours() {
        LabelSet set = LabelSet.CITYSCAPES19;
        assertEquals(19, set.size());
        int[] palette = set.palette();
        int i = 0;
        for (Object[] row : CITYSCAPES) {
            if ((int) row[2] == 255) {
                continue;
            }
            assertEquals(row[0], set.names().get(i));
            assertEquals(i, set.fromTrainId(i));
            assertEquals(i, set.toTrainId(i));
            assertEquals(((int) row[3] << 16) | ((int) row[4] << 8) | (int) row[5], palette[i]);
            i++;
        }
        assertEquals(IdMap.IGNORE, set.fromTrainId(255));
        assertEquals(IdMap.IGNORE, set.fromTrainId(-1));
        assertEquals(IdMap.IGNORE, set.fromTrainId(19));
    }

    @Test
    void labelSetsAreNamedAsConfigsNameThem() {
        assertEquals(LabelSet.SYNTHIA16, LabelSet.byId("SYNTHIA16"));
        assertEquals(LabelSet.CITYSCAPES19, LabelSet.byId("cityscapes19"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSet.byId("voc"));
        assertTrue(e.getMessage().contains("voc") && e.getMessage().contains("synthia13"), e.getMessage());
    }

    @Test
    void strictTableMarksUnknownValues() {
        int[] table = IdMaps.CITYSCAPES_LABELID_TO_TRAINID.strictTable();
        assertEquals(256, table.length);
        assertEquals(0, table[7]);
        assertEquals(255, table[0]);
        assertEquals(IdMap.UNKNOWN, table[34]);
        assertEquals(255, table[255]);
        int[] tableCopy = IdMaps.SYNTHIA_TO_TRAINID.strictTable();
        assertArrayEquals(tableCopy, IdMaps.SYNTHIA_TO_TRAINID.strictTable());
    }

    private static int trainIdOf(String name) {
        for (Object[] row : CITYSCAPES) {
            if (row[0].equals(name)) {
                return (int) row[2];
            }
        }
        throw new IllegalArgumentException(name);
    }
}
