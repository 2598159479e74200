package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code adaptseg score} in-process on real PNG files: output, reports, exit codes, bad input. */
class ScoreCommandTest {
    private static final int W = 32;
    private static final int H = 16;

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run score(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = Stream.concat(Stream.of("score"), Arrays.stream(args)).toArray(String[]::new);
        int code = new Main(Commands.all(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(full);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** 12 pairs: gt top half road (labelId 7), bottom half car (26); predictions all road (trainId 0). */
    private void dataset() throws Exception {
        int[] gt = new int[W * H];
        Arrays.fill(gt, 0, W * H / 2, 7);
        Arrays.fill(gt, W * H / 2, W * H, 26);
        for (int i = 0; i < 12; i++) {
            String key = String.format("ulm_%06d_%06d", i, 19);
            Path g = dir.resolve("gt/ulm/" + key + "_gtFine_labelIds.png");
            Path p = dir.resolve("pred/ulm/" + key + "_leftImg8bit.png");
            Files.createDirectories(g.getParent());
            Files.createDirectories(p.getParent());
            PngCodec.writeLabels8(g, new LabelImage(W, H, gt));
            PngCodec.writeLabels8(p, LabelImage.filled(W, H, 0));
        }
    }

    private String[] withReports(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--gt", dir.resolve("gt").toString(),
                "--pred", dir.resolve("pred").toString(), "--json", dir.resolve("out/s.json").toString(),
                "--csv", dir.resolve("out/s.csv").toString(), "--plot", dir.resolve("out/s.png").toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void printsTheReferenceTableAndWritesReports() throws Exception {
        dataset();
        Run run = score(withReports("--threads", "2", "--every", "5"));
        assertEquals(0, run.code(), run.err());
        // road: TP = half, FP = other half -> 50.00; car: 0; every other class absent -> nan
        assertTrue(run.out().contains("===>road:\t50.00\n"), run.out());
        assertTrue(run.out().contains("===>car:\t0.00\n"), run.out());
        assertTrue(run.out().contains("===>sidewalk:\tnan\n"), run.out());
        assertTrue(run.out().contains("===> mIoU: 25.00\n"), run.out());
        assertTrue(run.out().contains("===> FWIoU: 25.00\n") && run.out().contains("===> PA: 50.00\n")
                && run.out().contains("===> mAcc: 50.00\n"), run.out());
        assertTrue(run.out().contains("5 / 12: 25.00") && run.out().contains("10 / 12: 25.00"), run.out());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/s.json").toFile());
        assertEquals(0.25, json.get("mIoU").asDouble(), 1e-12);
        assertEquals(12, json.get("images").asInt());
        assertTrue(json.get("classes").get(1).get("iou").isNull());
        assertEquals(19, json.get("confusion").size());
        List<String> csv = Files.readAllLines(dir.resolve("out/s.csv"));
        assertEquals("road,0,0.50000000,1.00000000,3072,6144", csv.get(1));
        LabelImage plot = PngCodec.readLabels(dir.resolve("out/s.png"));
        assertTrue(plot.width() > 500 && plot.height() > 400);
    }

    @Test
    void synthia16ReportsMiou13AndSixteenClasses() throws Exception {
        dataset();
        Run run = score("--gt", dir.resolve("gt").toString(), "--pred", dir.resolve("pred").toString(),
                "--protocol", "synthia16", "--every", "0");
        assertEquals(0, run.code(), run.err());
        assertEquals(16, run.out().lines().filter(l -> l.startsWith("===>") && l.contains(":\t")).count());
        assertTrue(run.out().contains("===> mIoU13: 25.00"), run.out());
        assertFalse(run.out().contains("===>terrain"), run.out());
    }

    private void assertFailsWithoutReports(String expected) throws Exception {
        Run run = score(withReports());
        assertEquals(1, run.code(), run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(Files.exists(dir.resolve("out")) && Files.list(dir.resolve("out")).findAny().isPresent(),
                "no report file may be left behind");
    }

    @Test
    void sizeMismatchFailsWithoutReports() throws Exception {
        dataset();
        PngCodec.writeLabels8(dir.resolve("pred/ulm/ulm_000011_000019_leftImg8bit.png"), LabelImage.filled(16, 8, 0));
        assertFailsWithoutReports("is 16x8 but its ground truth");
    }

    @Test
    void invalidValueFailsWithoutReports() throws Exception {
        dataset();
        PngCodec.writeLabels8(dir.resolve("pred/ulm/ulm_000004_000019_leftImg8bit.png"), LabelImage.filled(W, H, 40));
        assertFailsWithoutReports("has value 40, which is not a trainId");
    }

    @Test
    void corruptFileFailsWithoutReports() throws Exception {
        dataset();
        Path p = dir.resolve("pred/ulm/ulm_000007_000019_leftImg8bit.png");
        Files.write(p, Arrays.copyOf(Files.readAllBytes(p), 50));
        assertFailsWithoutReports("ulm_000007_000019_leftImg8bit.png");
    }

    @Test
    void missingPredictionFailsWithoutReports() throws Exception {
        dataset();
        Files.delete(dir.resolve("pred/ulm/ulm_000003_000019_leftImg8bit.png"));
        assertFailsWithoutReports("no prediction");
    }

    @Test
    void badOptionValuesAreUsageErrors() throws Exception {
        dataset();
        Run run = score("--gt", dir.resolve("gt").toString(), "--pred", dir.resolve("pred").toString(),
                "--protocol", "voc");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--protocol") && run.err().contains("synthia13"), run.err());
        assertEquals(2, score("--gt", "a", "--pred", "b", "--threads", "0").code());
    }
}
