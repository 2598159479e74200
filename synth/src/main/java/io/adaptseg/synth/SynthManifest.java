package io.adaptseg.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code synth.json}: what a synthetic dataset folder holds (seed, size, counts, datasets and their
 * folders, city names, each domain's appearance parameters). It is written last, so its presence
 * marks a complete dataset, and it contains nothing that varies between identical runs.
 */
public final class SynthManifest {
    /** File name of the manifest in the output directory. */
    public static final String FILE = "synth.json";
    /** Bumped whenever the generator's output changes for the same configuration. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SynthManifest() {
    }

    /** The manifest of a configuration as a JSON tree. */
    public static JsonNode of(SynthConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "adaptseg synth");
        m.put("formatVersion", FORMAT_VERSION);
        m.put("seed", config.seed());
        m.put("height", config.height());
        m.put("width", config.width());
        m.put("sourceCount", config.sourceCount());
        m.put("targetTrain", config.targetTrain());
        m.put("targetVal", config.targetVal());
        Map<String, Object> datasets = new LinkedHashMap<>();
        for (SynthDataset d : config.datasets()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("folder", d.id());
            entry.put("role", d.isTarget() ? "target" : "source");
            entry.put("layout", switch (d) {
                case GTA5 -> "images/NNNNN.png + labels/NNNNN.png (8-bit Cityscapes labelIds)";
                case SYNTHIA -> "RGB/NNNNNNN.png + GT/LABELS/NNNNNNN.png (16-bit RGB, SYNTHIA id in channel 0, instance in channel 1)";
                case CITYSCAPES -> "leftImg8bit/{train,val}/<city>/<city>_<seq>_<frame>_leftImg8bit.png + gtFine/..._gtFine_labelIds.png, _gtFine_color.png, _gtFine_instanceIds.png";
            });
            if (d.isTarget()) {
                entry.put("train", config.targetTrain());
                entry.put("val", config.targetVal());
                entry.put("trainCities", SynthSample.TRAIN_CITIES);
                entry.put("valCities", SynthSample.VAL_CITIES);
                entry.put("lists", "cityscapes_list/{train,val,label}.txt");
            } else {
                entry.put("images", config.sourceCount());
                entry.put("lists", d.id() + "_list/train.txt");
            }
            entry.put("style", d.style().describe());
            datasets.put(d.id(), entry);
        }
        m.put("datasets", datasets);
        try {
            // through text, so that it equals a manifest read back from disk (int vs long nodes)
            return JSON.readTree(JSON.writeValueAsBytes(m));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the manifest", e);
        }
    }

    /** Writes the manifest of {@code config} to {@code dir/synth.json} atomically. */
    public static Path write(Path dir, SynthConfig config) throws IOException {
        Path file = dir.resolve(FILE);
        AtomicFiles.write(file, JSON.writeValueAsBytes(of(config)));
        return file;
    }

    /** Reads {@code dir/synth.json}. */
    public static JsonNode read(Path dir) throws AdaptsegException {
        Path file = dir.resolve(FILE);
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new AdaptsegException(file + ": not a readable synth.json (" + e.getMessage() + ")", e);
        }
    }

    /** A one-line description of a manifest for messages, e.g. "seed 1, 512x256, gta5 500, cityscapes 200+100" (WxH). */
    public static String summary(JsonNode m) {
        StringBuilder sb = new StringBuilder();
        sb.append("seed ").append(m.path("seed").asText("?")).append(", ")
                // sizes are WIDTHxHEIGHT everywhere the user reads them (README)
                .append(m.path("width").asText("?")).append('x').append(m.path("height").asText("?"));
        for (String id : List.of("gta5", "synthia", "cityscapes")) {
            JsonNode d = m.path("datasets").path(id);
            if (!d.isMissingNode()) {
                sb.append(", ").append(id).append(' ')
                        .append(d.has("images") ? d.get("images").asText() : d.path("train").asText() + "+" + d.path("val").asText());
            }
        }
        return sb.toString();
    }
}
