package io.adaptseg.train.weights;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.weights.torch.TorchFiles;
import io.adaptseg.train.weights.torch.TorchStateDict;
import io.adaptseg.train.weights.torch.TorchTensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports segmenter parameters from PyTorch ({@code .pth}/{@code .pt}/{@code .pkl}), {@code .npz} and
 * {@code .safetensors} files — one reader for all — and exports them as {@code .npz}/{@code .safetensors},
 * under a {@link NameMap} that is given or detected from the names. Running statistics travel with the
 * weights, so an export followed by an import reproduces the inference-mode forward bit for bit.
 */
public final class WeightFiles {
    private WeightFiles() {
    }

    /** {@link #load(Segmenter, Path, NameMap)} with the name map detected from the file's tensor names. */
    public static WeightImportReport load(Segmenter segmenter, Path file) throws AdaptsegException {
        return load(segmenter, file, Optional.empty());
    }

    /**
     * Copies the tensors of {@code file} into the (initialised) parameters of {@code segmenter}. A shape
     * mismatch is an error naming the tensor and both shapes, except for classifier-head parameters whose
     * class count differs: those are re-initialised and reported. A DeepLab-v2 file whose heads sit
     * elsewhere than the network's (CLAN into multi-level) is an error naming the architecture that fits.
     * Missing, unexpected and skipped tensors are reported, not fatal; call
     * {@link WeightImportReport#requireComplete()} to insist.
     */
    public static WeightImportReport load(Segmenter segmenter, Path file, NameMap map) throws AdaptsegException {
        return load(segmenter, file, Optional.of(map));
    }

    /** Loads with the given map, or the detected one when empty. */
    public static WeightImportReport load(Segmenter segmenter, Path file, Optional<NameMap> given)
            throws AdaptsegException {
        WeightFormat format = WeightFormat.of(file);
        Map<String, Parameter> params = segmenter.parameters();
        NDManager owner = initialisedManager(segmenter, params);
        List<String> choices = new ArrayList<>();
        List<FileTensor> tensors = read(file, format, owner, choices);
        NameMap map;
        if (given.isPresent()) {
            map = given.get();
            choices.add("name map " + map.id() + " (given)");
        } else {
            var detected = NameMapDetection.detect(tensors);
            map = detected.map();
            choices.add("name map " + map.id() + " (detected: " + detected.why() + ")");
        }
        requireSupported(segmenter, map, file);

        List<String> loaded = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> reinitialised = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, FileTensor> sourceOf = new LinkedHashMap<>();
        Map<String, long[]> oursShapes = new HashMap<>();
        for (FileTensor tensor : tensors) {
            switch (map.map(tensor.name())) {
                case NameMap.Mapping.Ignore ignore -> ignored.add(tensor.name());
                case NameMap.Mapping.Skip skip -> skipped.add(tensor.name() + ": " + skip.reason());
                case NameMap.Mapping.To to -> {
                    FileTensor previous = sourceOf.put(to.name(), tensor);
                    if (previous != null) {
                        throw new AdaptsegException(file + ": tensors '" + previous.name() + "' and '" + tensor.name()
                                + "' both map to parameter '" + to.name() + "'");
                    }
                    oursShapes.put(to.name(), tensor.shape());
                }
            }
        }
        NameMapDetection.fileLayout(oursShapes).ifPresent(l -> choices.add("head layout " + l));
        NameMapDetection.requireSameLayout(file, segmenter, oursShapes);
        try (NDManager scratch = owner.newSubManager(Device.cpu())) {
            for (var e : sourceOf.entrySet()) {
                String ours = e.getKey();
                FileTensor tensor = e.getValue();
                Parameter p = params.get(ours);
                if (p == null) {
                    unexpected.add(tensor.name());
                    continue;
                }
                Shape want = p.getArray().getShape();
                Shape have = new Shape(tensor.shape());
                if (!want.equals(have)) {
                    if (isHeadWithOtherClassCount(segmenter, ours, want, have)) {
                        p.getArray().set(p.getInitializer().initialize(scratch, want, DataType.FLOAT32).toFloatArray());
                        reinitialised.add(ours + ": file " + tensor.shapeText() + ", model " + want);
                        continue;
                    }
                    throw new AdaptsegException(file + ": tensor '" + tensor.name() + "' has shape " + tensor.shapeText()
                            + " but parameter '" + ours + "' of " + segmenter.architecture() + " has shape " + want);
                }
                if (!tensor.floating()) {
                    throw new AdaptsegException(file + ": tensor '" + tensor.name() + "' has type " + tensor.type()
                            + ", expected a floating-point type");
                }
                p.getArray().set(tensor.values());
                loaded.add(ours);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : params.keySet()) {
            if (!sourceOf.containsKey(name)) {
                missing.add(name);
            }
        }
        return new WeightImportReport(file, loaded, missing, unexpected, ignored, reinitialised, skipped, choices, map);
    }

    /**
     * Writes the parameters of {@code segmenter} (running statistics included) to {@code file} under
     * {@code map}, atomically; the format follows the extension ({@code .npz} or {@code .safetensors}).
     * Returns the number of tensors written.
     */
    public static int save(Segmenter segmenter, Path file, NameMap map) throws AdaptsegException {
        requireSupported(segmenter, map, file);
        NDList.Encoding encoding = WeightFormat.of(file).encoding(file);
        Map<String, Parameter> params = segmenter.parameters();
        NDManager owner = initialisedManager(segmenter, params);
        try (NDManager scratch = owner.newSubManager(Device.cpu())) {
            NDList list = new NDList();
            for (var e : params.entrySet()) {
                var fileName = map.toFile(e.getKey());
                if (fileName.isPresent()) {
                    NDArray copy = e.getValue().getArray().duplicate();
                    copy.attach(scratch);
                    copy.setName(fileName.get());
                    list.add(copy);
                }
            }
            AtomicFiles.write(file, out -> list.encode(out, encoding));
            return list.size();
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot write weights: " + e.getMessage(), e);
        }
    }

    /**
     * Every tensor of {@code file} (any format {@link WeightFormat} reads), for networks other than
     * segmenters that map the names themselves (the style translator's VGG encoder). {@code scratch}
     * holds temporaries only; the values come back as float32 copies.
     */
    public static List<FileTensor> readTensors(Path file, NDManager scratch) throws AdaptsegException {
        if (!Files.isRegularFile(file)) {
            throw new AdaptsegException(file + ": weight file not found");
        }
        return read(file, WeightFormat.of(file), scratch, new ArrayList<>());
    }

    private static List<FileTensor> read(Path file, WeightFormat format, NDManager owner, List<String> choices)
            throws AdaptsegException {
        if (format == WeightFormat.TORCH) {
            TorchStateDict sd = TorchFiles.read(file);
            choices.add("PyTorch " + sd.format() + " format");
            choices.addAll(sd.notes());
            List<FileTensor> out = new ArrayList<>();
            for (TorchTensor t : sd.tensors()) {
                out.add(new FileTensor(t.name(), t.shape(), t.type().name().toLowerCase(java.util.Locale.ROOT),
                        t.type().isFloating(), t.floats()));
            }
            return out;
        }
        choices.add(format.name().toLowerCase(java.util.Locale.ROOT) + " format");
        try (NDManager scratch = owner.newSubManager(Device.cpu()); InputStream in = Files.newInputStream(file)) {
            NDList list = NDList.decode(scratch, in);
            List<FileTensor> out = new ArrayList<>();
            for (NDArray a : list) {
                boolean floating = a.getDataType().isFloating();
                out.add(new FileTensor(a.getName(), a.getShape().getShape(), a.getDataType().toString(), floating,
                        floating ? a.toType(DataType.FLOAT32, false).toFloatArray() : null));
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new AdaptsegException(file + ": weight file not found", e);
        } catch (IOException | RuntimeException e) {
            throw new AdaptsegException(file + ": cannot read weights (" + e.getMessage() + ")", e);
        }
    }

    private static void requireSupported(Segmenter segmenter, NameMap map, Path file) throws AdaptsegException {
        if (!map.supports(segmenter.family())) {
            throw new AdaptsegException(file + ": name map " + map.id() + " does not apply to "
                    + segmenter.architecture() + " (" + segmenter.family() + ")");
        }
    }

    private static boolean isHeadWithOtherClassCount(Segmenter segmenter, String name, Shape want, Shape have) {
        boolean head = segmenter.headModules().stream().anyMatch(m -> name.startsWith(m + "."));
        if (!head || want.dimension() != have.dimension() || want.get(0) != segmenter.numClasses()) {
            return false;
        }
        for (int i = 1; i < want.dimension(); i++) {
            if (want.get(i) != have.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static NDManager initialisedManager(Segmenter segmenter, Map<String, Parameter> params) {
        Parameter first = params.values().iterator().next();
        if (!first.isInitialized()) {
            throw new IllegalStateException("parameters of " + segmenter.architecture() + " are not initialised");
        }
        return first.getArray().getManager();
    }
}
