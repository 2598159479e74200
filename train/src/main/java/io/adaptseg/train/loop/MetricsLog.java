package io.adaptseg.train.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-iteration metrics appended to {@code metrics.csv} and {@code metrics.jsonl}, validation
 * results to {@code validation.csv}; the history is also kept in memory for the curves (and read
 * back from the CSV files on resume).
 */
public final class MetricsLog implements AutoCloseable {
    public static final String CSV = "metrics.csv";
    public static final String JSONL = "metrics.jsonl";
    public static final String VALIDATION_CSV = "validation.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lossNames;
    private final BufferedWriter csv;
    private final BufferedWriter jsonl;
    private final BufferedWriter validation;
    /** iteration (1-based count of iterations done), then each loss. */
    private final List<double[]> losses = new ArrayList<>();
    /** iteration, mIoU. */
    private final List<double[]> validations = new ArrayList<>();

    public MetricsLog(Path dir, List<String> lossNames) throws IOException {
        this.lossNames = List.copyOf(lossNames);
        Files.createDirectories(dir);
        Path csvFile = dir.resolve(CSV);
        Path valFile = dir.resolve(VALIDATION_CSV);
        readHistory(csvFile, valFile);
        boolean newCsv = !Files.exists(csvFile);
        boolean newVal = !Files.exists(valFile);
        csv = open(csvFile);
        jsonl = open(dir.resolve(JSONL));
        validation = open(valFile);
        if (newCsv) {
            csv.write("iteration,lr,lr_D," + String.join(",", lossNames) + ",seconds\n");
            csv.flush();
        }
        if (newVal) {
            validation.write("iteration,miou,fwiou,pixel_accuracy,images\n");
            validation.flush();
        }
    }

    private static BufferedWriter open(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void readHistory(Path csvFile, Path valFile) throws IOException {
        if (Files.exists(csvFile)) {
            List<String> lines = Files.readAllLines(csvFile);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.split(",");
                double[] row = new double[1 + lossNames.size()];
                row[0] = Double.parseDouble(f[0]);
                for (int i = 0; i < lossNames.size() && 3 + i < f.length; i++) {
                    row[1 + i] = Double.parseDouble(f[3 + i]);
                }
                losses.add(row);
            }
        }
        if (Files.exists(valFile)) {
            List<String> lines = Files.readAllLines(valFile);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.split(",");
                validations.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            }
        }
    }

    /** Records iteration {@code done} (iterations completed). */
    public void append(long done, double lr, double lrD, Map<String, Double> values, double seconds) throws IOException {
        StringBuilder line = new StringBuilder();
        line.append(done).append(',').append(num(lr)).append(',').append(num(lrD));
        double[] row = new double[1 + lossNames.size()];
        row[0] = done;
        ObjectNode json = JSON.createObjectNode();
        json.put("iteration", done);
        json.put("lr", lr);
        json.put("lr_D", lrD);
        for (int i = 0; i < lossNames.size(); i++) {
            double v = values.getOrDefault(lossNames.get(i), Double.NaN);
            row[1 + i] = v;
            line.append(',').append(num(v));
            json.put(lossNames.get(i), v);
        }
        json.put("seconds", seconds);
        line.append(',').append(num(seconds)).append('\n');
        losses.add(row);
        csv.write(line.toString());
        csv.flush();
        jsonl.write(JSON.writeValueAsString(json) + "\n");
        jsonl.flush();
    }

    public void appendValidation(long done, ValidationResult r) throws IOException {
        validations.add(new double[] {done, r.meanIou()});
        validation.write(done + "," + num(r.meanIou()) + "," + num(r.frequencyWeightedIou()) + ","
                + num(r.pixelAccuracy()) + "," + r.images() + "\n");
        validation.flush();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.8g", v);
    }

    public List<String> lossNames() {
        return lossNames;
    }

    public List<double[]> lossHistory() {
        return losses;
    }

    public List<double[]> validationHistory() {
        return validations;
    }

    @Override
    public void close() throws IOException {
        try (csv; jsonl; validation) {
            csv.flush();
        }
    }
}
