package io.adaptseg.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.core.metrics.SegmentationMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link ScoreReport} as JSON or CSV, atomically. Values are fractions (0..1); an absent
 * class's IoU is JSON {@code null} and an empty CSV cell.
 */
public final class ScoreReportFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScoreReportFiles() {
    }

    /** The JSON document; {@code inputs} (e.g. gt, pred, formats) is copied in as given. */
    public static String toJson(ScoreReport report, Map<String, String> inputs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("protocol", report.protocol());
        root.put("images", report.images());
        inputs.forEach(root::put);
        SegmentationMetrics m = report.metrics();
        report.means().forEach((name, value) -> putNumber(root, name, value));
        putNumber(root, "fwIoU", m.frequencyWeightedIou());
        putNumber(root, "pixelAccuracy", m.pixelAccuracy());
        putNumber(root, "meanClassAccuracy", m.meanClassAccuracy());
        ArrayNode classes = root.putArray("classes");
        for (int i = 0; i < report.names().size(); i++) {
            ObjectNode c = classes.addObject();
            c.put("name", report.names().get(i));
            c.put("trainId", report.trainIds()[i]);
            putNumber(c, "iou", m.iou()[i]);
            putNumber(c, "accuracy", m.classAccuracy()[i]);
            c.put("gtPixels", report.gtPixels()[i]);
            c.put("predPixels", report.predPixels()[i]);
        }
        ArrayNode confusion = root.putArray("confusion");
        for (long[] row : report.confusion()) {
            ArrayNode r = confusion.addArray();
            for (long v : row) {
                r.add(v);
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("JSON of an in-memory tree cannot fail", e);
        }
    }

    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    /**
     * The CSV table: a header, one row per class ({@code class,train_id,iou,accuracy,gt_pixels,pred_pixels}),
     * then one row per summary value with only {@code class} and {@code iou} filled.
     */
    public static String toCsv(ScoreReport report) {
        StringBuilder b = new StringBuilder("class,train_id,iou,accuracy,gt_pixels,pred_pixels\n");
        SegmentationMetrics m = report.metrics();
        for (int i = 0; i < report.names().size(); i++) {
            b.append(report.names().get(i)).append(',').append(report.trainIds()[i]).append(',')
                    .append(number(m.iou()[i])).append(',').append(number(m.classAccuracy()[i])).append(',')
                    .append(report.gtPixels()[i]).append(',').append(report.predPixels()[i]).append('\n');
        }
        report.means().forEach((name, value) -> b.append(name).append(",,").append(number(value)).append(",,,\n"));
        b.append("fwIoU,,").append(number(m.frequencyWeightedIou())).append(",,,\n");
        b.append("pixelAccuracy,,").append(number(m.pixelAccuracy())).append(",,,\n");
        b.append("meanClassAccuracy,,").append(number(m.meanClassAccuracy())).append(",,,\n");
        return b.toString();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.8f", value);
    }

    /** Writes {@link #toJson} to {@code file} atomically. */
    public static void writeJson(Path file, ScoreReport report, Map<String, String> inputs) throws IOException {
        AtomicFiles.writeString(file, toJson(report, inputs));
    }

    /** Writes {@link #toCsv} to {@code file} atomically. */
    public static void writeCsv(Path file, ScoreReport report) throws IOException {
        AtomicFiles.writeString(file, toCsv(report));
    }
}
