package io.adaptseg.train.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.train.model.Segmenter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports segmenter parameters from {@code .npz}/{@code .safetensors} files and exports them, under a
 * {@link NameMap}. Running statistics travel with the weights, so an export followed by an import
 * reproduces the inference-mode forward bit for bit.
 */
public final class WeightFiles {
    private WeightFiles() {
    }

    /**
     * Copies the tensors of {@code file} into the (initialised) parameters of {@code segmenter}. A shape
     * mismatch is an error naming the tensor and both shapes, except for classifier-head parameters whose
     * class count differs: those are re-initialised and reported. Missing and unexpected tensors are
     * reported, not fatal; call {@link WeightImportReport#requireComplete()} to insist.
     */
    public static WeightImportReport load(Segmenter segmenter, Path file, NameMap map) throws AdaptsegException {
        requireSupported(segmenter, map, file);
        WeightFormat.of(file);
        Map<String, Parameter> params = segmenter.parameters();
        NDManager owner = initialisedManager(segmenter, params);
        List<String> loaded = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> reinitialised = new ArrayList<>();
        Map<String, String> sourceOf = new HashMap<>();
        try (NDManager scratch = owner.newSubManager()) {
            NDList tensors = decode(scratch, file);
            for (NDArray tensor : tensors) {
                String fileName = tensor.getName();
                var ours = map.toOurs(fileName);
                if (ours.isEmpty()) {
                    ignored.add(fileName);
                    continue;
                }
                Parameter p = params.get(ours.get());
                if (p == null) {
                    unexpected.add(fileName);
                    continue;
                }
                String previous = sourceOf.put(ours.get(), fileName);
                if (previous != null) {
                    throw new AdaptsegException(file + ": tensors '" + previous + "' and '" + fileName
                            + "' both map to parameter '" + ours.get() + "'");
                }
                Shape want = p.getArray().getShape();
                Shape have = tensor.getShape();
                if (!want.equals(have)) {
                    if (isHeadWithOtherClassCount(segmenter, ours.get(), want, have)) {
                        p.getArray().set(p.getInitializer().initialize(scratch, want, DataType.FLOAT32).toFloatArray());
                        reinitialised.add(ours.get() + ": file " + have + ", model " + want);
                        continue;
                    }
                    throw new AdaptsegException(file + ": tensor '" + fileName + "' has shape " + have
                            + " but parameter '" + ours.get() + "' of " + segmenter.architecture() + " has shape " + want);
                }
                if (!tensor.getDataType().isFloating()) {
                    throw new AdaptsegException(file + ": tensor '" + fileName + "' has type " + tensor.getDataType()
                            + ", expected a floating-point type");
                }
                p.getArray().set(tensor.toType(DataType.FLOAT32, false).toFloatArray());
                loaded.add(ours.get());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : params.keySet()) {
            if (!sourceOf.containsKey(name)) {
                missing.add(name);
            }
        }
        return new WeightImportReport(file, loaded, missing, unexpected, ignored, reinitialised);
    }

    /**
     * Writes the parameters of {@code segmenter} (running statistics included) to {@code file} under
     * {@code map}, atomically; the format follows the extension. Returns the number of tensors written.
     */
    public static int save(Segmenter segmenter, Path file, NameMap map) throws AdaptsegException {
        requireSupported(segmenter, map, file);
        WeightFormat format = WeightFormat.of(file);
        Map<String, Parameter> params = segmenter.parameters();
        NDManager owner = initialisedManager(segmenter, params);
        try (NDManager scratch = owner.newSubManager()) {
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
            AtomicFiles.write(file, out -> list.encode(out, format.encoding()));
            return list.size();
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot write weights: " + e.getMessage(), e);
        }
    }

    private static NDList decode(NDManager manager, Path file) throws AdaptsegException {
        try (InputStream in = Files.newInputStream(file)) {
            return NDList.decode(manager, in);
        } catch (NoSuchFileException e) {
            throw new AdaptsegException(file + ": weight file not found", e);
        } catch (IOException | RuntimeException e) {
            throw new AdaptsegException(file + ": cannot read weights (" + e.getMessage() + ")", e);
        }
    }

    private static void requireSupported(Segmenter segmenter, NameMap map, Path file) throws AdaptsegException {
        if (!map.supports(segmenter.family())) {
            throw new AdaptsegException(file + ": name map " + map.id() + " does not apply to "
                    + segmenter.architecture());
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
