package io.adaptseg.app.demo;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.core.labels.IdMaps;
import io.adaptseg.core.report.ScoreReport;
import io.adaptseg.infer.OutputFormat;
import io.adaptseg.infer.PredictInput;
import io.adaptseg.infer.PredictionWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The static HTML report of a demo run ({@code report/index.html}): the steps and their times, the
 * per-class IoU table and chart, each model's training curves, and a few val images with ground
 * truth and every model's prediction side by side. Pictures are copied next to the page, so the
 * folder can be moved or attached as it is.
 */
final class DemoReport {
    private final DemoSettings settings;
    private final List<ModelRun> models;
    private final Optional<IouComparison> comparison;
    private final List<PredictInput> val;

    DemoReport(DemoSettings settings, List<ModelRun> models, Optional<IouComparison> comparison, List<PredictInput> val) {
        this.settings = settings;
        this.models = models;
        this.comparison = comparison;
        this.val = val;
    }

    void write(Path index, List<StepLog.Step> steps) throws IOException, AdaptsegException {
        Path dir = index.getParent();
        Files.createDirectories(dir.resolve("img"));
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>adaptseg demo</title>\n<style>")
                .append("body{font-family:sans-serif;margin:24px;max-width:1400px;color:#222}")
                .append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("th{background:#f0f0f0}td.l,th.l{text-align:left}.done{color:#186a18}.skipped{color:#8a6d00}.given{color:#555}.failed{color:#b00}")
                .append(".samples{width:100%;table-layout:fixed}.samples img{width:100%;display:block;image-rendering:pixelated}.samples td{padding:2px;vertical-align:top}.best{font-weight:bold}")
                .append("</style></head><body>\n");
        h.append("<h1>adaptseg demo: source-only vs AdvNet</h1>\n<p>Source: ")
                .append(esc(settings.source().map(Path::toString).orElse("synthetic GTA5-like (adaptseg synth)")))
                .append(" &rarr; target: ")
                .append(esc(settings.target().map(Path::toString).orElse("synthetic Cityscapes-like (adaptseg synth)")))
                .append(settings.quick() ? " (quick smoke-size run)" : "").append(".</p>\n");
        comparison(h, dir);
        curves(h, dir);
        samples(h, dir);
        h.append("<h2>Steps</h2>\n<table><tr><th class=l>step</th><th class=l>status</th><th>seconds</th><th class=l>detail</th></tr>\n");
        for (StepLog.Step s : steps) {
            h.append("<tr><td class=l>").append(esc(s.name())).append("</td><td class=\"l ").append(s.status()).append("\">")
                    .append(s.status()).append("</td><td>").append(String.format(Locale.ROOT, "%.1f", s.seconds()))
                    .append("</td><td class=l>").append(esc(s.detail())).append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        AtomicFiles.writeString(index, h.toString());
    }

    private void comparison(StringBuilder h, Path dir) throws IOException {
        h.append("<h2>Per-class IoU on the target val set</h2>\n");
        if (comparison.isEmpty()) {
            h.append("<p>No model was scored (see the steps below).</p>\n");
            return;
        }
        IouComparison c = comparison.get();
        c.writeChart(dir.resolve("img/iou-comparison.png"));
        h.append("<img src=\"img/iou-comparison.png\" alt=\"per-class IoU chart\">\n<table><tr><th class=l>class</th>");
        c.models().forEach(m -> h.append("<th>").append(esc(m)).append("</th>"));
        h.append("</tr>\n");
        List<String> names = c.reports().getFirst().names();
        for (int i = 0; i < names.size(); i++) {
            h.append("<tr><td class=l>").append(esc(names.get(i))).append("</td>");
            int best = bestOf(c.reports(), i);
            for (int m = 0; m < c.reports().size(); m++) {
                double v = c.reports().get(m).metrics().iou()[i];
                h.append(m == best ? "<td class=best>" : "<td>").append(ScoreReport.percent(v)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("<tr><th class=l>mIoU</th>");
        c.reports().forEach(r -> h.append("<th>").append(ScoreReport.percent(r.means().get("mIoU"))).append("</th>"));
        h.append("</tr>\n</table>\n<p>Bold: the better model for that class. IoU in percent over all val pixels (Cityscapes 19-class protocol; n/a/nan: class absent"
                + " from ground truth and prediction).</p>\n");
    }

    /** The model with the strictly highest IoU of class {@code c}, or -1 (ties, absent class, one model). */
    private static int bestOf(List<ScoreReport> reports, int c) {
        int best = -1;
        double top = Double.NEGATIVE_INFINITY;
        boolean tie = false;
        for (int m = 0; m < reports.size(); m++) {
            double v = reports.get(m).metrics().iou()[c];
            if (Double.isNaN(v)) {
                continue;
            }
            if (v > top) {
                top = v;
                best = m;
                tie = false;
            } else if (v == top) {
                tie = true;
            }
        }
        return tie || reports.size() < 2 ? -1 : best;
    }

    private void curves(StringBuilder h, Path dir) throws IOException {
        h.append("<h2>Training curves</h2>\n");
        boolean any = false;
        for (ModelRun m : models) {
            if (m.curves.isPresent()) {
                String name = "img/curves-" + m.name + ".png";
                Files.copy(m.curves.get(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                h.append("<h3>").append(esc(m.name)).append("</h3><img src=\"").append(name).append("\" alt=\"training curves of ")
                        .append(esc(m.name)).append("\" style=\"max-width:100%\">\n");
                any = true;
            }
        }
        if (!any) {
            h.append("<p>No training curves (no model was trained in this run).</p>\n");
        }
    }

    private void samples(StringBuilder h, Path dir) throws IOException, AdaptsegException {
        List<ModelRun> predicted = models.stream().filter(m -> m.predictions.isPresent()).toList();
        h.append("<h2>Val images</h2>\n");
        if (val.isEmpty()) {
            h.append("<p>No val images.</p>\n");
            return;
        }
        h.append("<table class=samples><tr><th class=l>image</th><th class=l>ground truth</th>");
        predicted.forEach(m -> h.append("<th class=l>").append(esc(m.name)).append("</th>"));
        h.append("</tr>\n");
        int step = Math.max(1, val.size() / Math.max(1, settings.samples()));
        for (int k = 0; k < settings.samples() && k * step < val.size(); k++) {
            PredictInput input = val.get(k * step);
            String base = "img/sample" + k;
            h.append("<tr>");
            copyCell(h, input.image(), dir, base + "-image.png");
            Optional<Path> gt = input.groundTruth();
            if (gt.isPresent()) {
                LabelImage ids = PngCodec.readLabels(gt.get());
                int[] table = IdMaps.CITYSCAPES_LABELID_TO_TRAINID.table();
                int[] train = new int[ids.values().length];
                for (int i = 0; i < train.length; i++) {
                    int v = ids.values()[i];
                    train[i] = v >= 0 && v < table.length ? table[v] : 255;
                }
                Path file = dir.resolve(base + "-gt.png");
                PngCodec.writeRgb(file, PredictionWriter.colorize(new LabelImage(ids.width(), ids.height(), train)));
                h.append("<td><img src=\"").append(base).append("-gt.png\" alt=\"ground truth\"></td>");
            } else {
                h.append("<td>no ground truth</td>");
            }
            for (ModelRun m : predicted) {
                copyCell(h, input.output(m.predictions.get(), OutputFormat.COLOR), dir, base + "-" + m.name + ".png");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p>Colours: the Cityscapes palette; black = ignored / unlabelled.</p>\n");
    }

    private static void copyCell(StringBuilder h, Path from, Path dir, String name) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.copy(from, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            h.append("<td><img src=\"").append(name).append("\" alt=\"").append(esc(from.getFileName().toString())).append("\"></td>");
        } else {
            h.append("<td>missing</td>");
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
