package io.adaptseg.train.translation;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.DatasetKind;
import io.adaptseg.core.dataset.DatasetSpec;
import io.adaptseg.core.dataset.Sample;
import io.adaptseg.train.config.DataSettings;
import io.adaptseg.train.data.TrainingData;
import io.adaptseg.train.translator.TranslatorCheckpoint;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code adaptseg stylize} as a library call: a translator from an adain checkpoint, the content
 * dataset (default layout: the checkpoint's {@code source-dataset}, its train images with labels) and
 * the style images (default layout: the checkpoint's {@code target-dataset} and {@code target-split};
 * {@code folder} takes every PNG below the folder), translated by {@link DatasetStylizer}.
 *
 * @param alpha the strength; empty: the checkpoint's {@code alpha}
 * @param contentKind empty: the checkpoint's {@code source-dataset}
 * @param styleKind empty: the checkpoint's {@code target-dataset}
 */
public record Stylization(Path checkpoint, Path content, Optional<String> contentKind, Path style,
        Optional<String> styleKind, Path out, Optional<Double> alpha, long seed) {

    /** Runs the translation; messages go to {@code log}, the progress bar to {@code progress}. */
    public DatasetStylizer.Summary run(PrintStream log, PrintStream progress, boolean interactive) throws AdaptsegException {
        if (!Files.isDirectory(content)) {
            throw new AdaptsegException("--content: folder " + content + " does not exist");
        }
        if (!Files.isDirectory(style)) {
            throw new AdaptsegException("--style: folder " + style + " does not exist");
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            TranslatorCheckpoint loaded = TranslatorCheckpoint.load(checkpoint, manager);
            DataSettings data = loaded.config().data();
            double a = alpha.orElse(loaded.config().adain().alpha());
            TrainingData contentData = TrainingData.open(contentKind.orElse(data.sourceDataset()), content, "train",
                    Optional.empty(), true, "--content");
            List<Path> styles = styleImages(styleKind.orElse(data.targetDataset()), data.targetSplit());
            log.printf(Locale.ROOT, "stylize: %s (alpha %.2f) on %d content images of %s, styles from %d images of %s%n",
                    loaded.directory(), a, contentData.samples().size(), contentData.description(), styles.size(), style);
            DatasetStylizer stylizer;
            try {
                stylizer = new DatasetStylizer(loaded.translator(), manager, a, seed);
            } catch (IllegalArgumentException e) {
                throw new AdaptsegException("--alpha: " + e.getMessage(), e);
            }
            return stylizer.run(content, contentData.samples(), styles, out, progress, interactive);
        }
    }

    private List<Path> styleImages(String kind, String split) throws AdaptsegException {
        if (kind.trim().toLowerCase(Locale.ROOT).equals(DatasetKind.FOLDER.id())) {
            List<Sample> all = DatasetSpec.of(DatasetKind.FOLDER, style).open().samples();
            if (all.isEmpty()) {
                throw new AdaptsegException("--style: no PNG images below " + style);
            }
            return all.stream().map(Sample::image).toList();
        }
        return TrainingData.open(kind, style, split, Optional.empty(), false, "--style").samples().stream()
                .map(Sample::image).toList();
    }
}
