package io.adaptseg.infer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.runtime.predict.PredictOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What made the predictions in an output folder ({@value #FILE}): the model's SHA-256 and the
 * settings that change the label maps (flip averaging, sliding windows). {@code predict --resume}
 * compares it with its own, so a resumed run never mixes the outputs of two models or two settings;
 * the model path is kept for the message only (a copied model is still the same model).
 *
 * @param modelSha256 lower-case hex digest of the model file
 * @param model the model path as given, for messages
 * @param flip horizontal-flip averaging
 * @param sliding the sliding-window spec, or {@code whole} for whole images
 */
public record RunRecord(String modelSha256, String model, boolean flip, String sliding) {
    /** The record's file name in the output folder. */
    public static final String FILE = "predict-run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The record of a run with {@code settings}; reads the whole model file once for its digest. */
    public static RunRecord of(PredictSettings settings) throws AdaptsegException {
        PredictOptions p = settings.predict();
        String sliding = p.sliding().map(w -> String.format(Locale.ROOT, "tile=%dx%d,stride=%dx%d,scale=%s", w.tileWidth(),
                w.tileHeight(), w.strideX(), w.strideY(), w.scale())).orElse("whole");
        return new RunRecord(sha256(settings.model()), settings.model().toString(), p.flip(), sliding);
    }

    /** The record in {@code out}, if a run left one. */
    public static Optional<RunRecord> read(Path out) throws AdaptsegException {
        Path file = out.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(file.toFile());
            return Optional.of(new RunRecord(json.required("model_sha256").asText(), json.path("model").asText(""),
                    json.required("flip").asBoolean(), json.required("sliding").asText()));
        } catch (IOException | IllegalArgumentException e) {
            throw new AdaptsegException(file + ": not a readable prediction record (" + e.getMessage()
                    + "); delete it, or predict into another --out", e);
        }
    }

    /**
     * Refuses to resume into {@code out} when an earlier run there used another model or settings, or
     * left outputs without a record (another tool, an older adaptseg): resuming would mix them.
     */
    public void requireResumable(Path out, List<PredictInput> inputs, java.util.Set<OutputFormat> formats)
            throws AdaptsegException {
        Optional<RunRecord> earlier = read(out);
        if (earlier.isPresent()) {
            List<String> diff = differencesFrom(earlier.get());
            if (!diff.isEmpty()) {
                throw new AdaptsegException("--resume: " + out + " holds predictions made differently ("
                        + String.join("; ", diff) + "); resuming would mix them. Predict without --resume to replace"
                        + " them all, or choose another --out");
            }
        } else if (inputs.stream().anyMatch(i -> formats.stream().anyMatch(f -> Files.exists(i.output(out, f))))) {
            throw new AdaptsegException("--resume: " + out + " has outputs but no " + FILE
                    + ", so which model made them is unknown; predict without --resume to replace them, or choose another --out");
        }
    }

    /** Writes this record into {@code out} atomically. */
    public void write(Path out) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        json.put("model_sha256", modelSha256);
        json.put("model", model);
        json.put("flip", flip);
        json.put("sliding", sliding);
        AtomicFiles.writeString(out.resolve(FILE), JSON.writeValueAsString(json) + "\n");
    }

    /** What differs from {@code earlier} in words, empty when the outputs of both runs are interchangeable. */
    public List<String> differencesFrom(RunRecord earlier) {
        List<String> diff = new ArrayList<>();
        if (!modelSha256.equals(earlier.modelSha256)) {
            diff.add("model sha256 " + abbreviate(earlier.modelSha256) + " (" + earlier.model + ") then, "
                    + abbreviate(modelSha256) + " (" + model + ") now");
        }
        if (flip != earlier.flip) {
            diff.add("--flip " + (earlier.flip ? "on" : "off") + " then, " + (flip ? "on" : "off") + " now");
        }
        if (!sliding.equals(earlier.sliding)) {
            diff.add("--sliding " + earlier.sliding + " then, " + sliding + " now");
        }
        return diff;
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }

    static String sha256(Path file) throws AdaptsegException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot read the model (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
