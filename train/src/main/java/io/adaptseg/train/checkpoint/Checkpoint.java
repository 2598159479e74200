package io.adaptseg.train.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.train.model.ParameterNames;
import io.adaptseg.train.optim.ParameterOptimizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes and reads checkpoint directories named {@code iter_<n>}:
 * {@code networks/<name>.npz} (parameters by PyTorch state-dict name, BN statistics included),
 * {@code optimizers/<name>.npz}, {@code state.json}, {@code config.yaml} and copies of the
 * metrics files.
 */
public final class Checkpoint {
    public static final String STATE_FILE = "state.json";
    public static final String CONFIG_FILE = "config.yaml";
    private static final String PREFIX = "iter_";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoint() {
    }

    /** The directory name of the checkpoint after {@code iteration} iterations. */
    public static String directoryName(long iteration) {
        return String.format("%s%08d", PREFIX, iteration);
    }

    /**
     * Writes a checkpoint into {@code parent/iter_<n>} atomically: everything goes to a hidden
     * temporary directory which is renamed when complete. An existing directory of that name is
     * replaced.
     *
     * @throws NonFiniteTensorException before anything is written, when a parameter, running
     *     statistic or optimiser buffer holds NaN or infinity (a checkpoint exists only when good)
     */
    public static Path write(Path parent, TrainingState state, Map<String, Block> networks,
            Map<String, ParameterOptimizer> optimizers, String configYaml, List<Path> extraFiles)
            throws IOException, NonFiniteTensorException {
        Files.createDirectories(parent);
        Path target = parent.resolve(directoryName(state.iteration()));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Map<String, NDList> networkArrays = new LinkedHashMap<>();
            networks.forEach((name, block) -> networkArrays.put(name, parameters(block)));
            Map<String, NDList> optimizerArrays = new LinkedHashMap<>();
            optimizers.forEach((name, o) -> optimizerArrays.put(name, o.saveState(manager)));
            requireFinite(networkArrays, "network", "iteration " + state.iteration());
            requireFinite(optimizerArrays, "optimiser", "iteration " + state.iteration());
            return writeDirectory(parent, target, state, networkArrays, optimizerArrays, configYaml, extraFiles);
        }
    }

    private static void requireFinite(Map<String, NDList> groups, String kind, String where) throws NonFiniteTensorException {
        for (var e : groups.entrySet()) {
            var found = FiniteTensors.firstNonFinite(e.getValue());
            if (found.isPresent()) {
                throw new NonFiniteTensorException("the weights are not finite at " + where + ": " + kind + " " + e.getKey()
                        + ", tensor " + found.get().describe(), e.getKey() + "/" + found.get().name());
            }
        }
    }

    private static Path writeDirectory(Path parent, Path target, TrainingState state, Map<String, NDList> networks,
            Map<String, NDList> optimizers, String configYaml, List<Path> extraFiles) throws IOException {
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
        try {
            Files.createDirectories(tmp.resolve("networks"));
            Files.createDirectories(tmp.resolve("optimizers"));
            for (var e : networks.entrySet()) {
                writeNpz(tmp.resolve("networks").resolve(e.getKey() + ".npz"), e.getValue());
            }
            for (var e : optimizers.entrySet()) {
                writeNpz(tmp.resolve("optimizers").resolve(e.getKey() + ".npz"), e.getValue());
            }
            ObjectNode json = JSON.createObjectNode();
            json.put("iteration", state.iteration());
            ObjectNode positions = json.putObject("stream_positions");
            state.streamPositions().forEach(positions::put);
            json.put("best_miou", state.bestMeanIou());
            json.put("best_iteration", state.bestIteration());
            Files.writeString(tmp.resolve(STATE_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            Files.writeString(tmp.resolve(CONFIG_FILE), configYaml);
            for (Path f : extraFiles) {
                if (Files.exists(f)) {
                    Files.copy(f, tmp.resolve(f.getFileName()));
                }
            }
            if (Files.exists(target)) {
                deleteRecursively(target);
            }
            AtomicFiles.moveAtomically(tmp, target);
            return target;
        } catch (IOException | RuntimeException e) {
            deleteRecursively(tmp);
            throw e;
        }
    }

    /**
     * The parameters of {@code block} as arrays named by {@link ParameterNames} (PyTorch state-dict
     * names, so {@code networks/G.npz} is also a weight file for import and export); shared, not copied.
     */
    public static NDList parameters(Block block) {
        NDList list = new NDList();
        ParameterNames.of(block).forEach((name, p) -> {
            NDArray a = p.getArray();
            a.setName(name);
            list.add(a);
        });
        return list;
    }

    private static void writeNpz(Path file, NDList arrays) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            arrays.encode(out, NDList.Encoding.NPZ);
        }
    }

    /** Reads {@code state.json} of a checkpoint directory. */
    public static TrainingState readState(Path dir) throws AdaptsegException {
        Path file = dir.resolve(STATE_FILE);
        try {
            JsonNode json = JSON.readTree(file.toFile());
            Map<String, Long> positions = new HashMap<>();
            json.required("stream_positions").properties().forEach(e -> positions.put(e.getKey(), e.getValue().asLong()));
            return new TrainingState(json.required("iteration").asLong(), positions,
                    json.path("best_miou").asDouble(Double.NaN), json.path("best_iteration").asLong(-1));
        } catch (IOException | IllegalArgumentException e) {
            throw new AdaptsegException(file + ": not a readable checkpoint state (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Copies the parameters saved under {@code networks/<name>.npz} into {@code block}, in place. The
     * file is read on the CPU and its bytes are copied into the block's arrays on whatever device they
     * live, so a checkpoint trained on a GPU loads on a CPU and the other way round.
     *
     * @throws NonFiniteTensorException when a saved tensor holds NaN or infinity (a checkpoint that
     *     an older version wrote after training diverged); nothing is copied then
     */
    public static void loadNetwork(Path dir, String name, Block block) throws AdaptsegException {
        Path file = dir.resolve("networks").resolve(name + ".npz");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Map<String, NDArray> saved = readNpz(file, manager);
            NDList all = new NDList(saved.values());
            var bad = FiniteTensors.firstNonFinite(all);
            if (bad.isPresent()) {
                throw new NonFiniteTensorException(file + ": " + bad.get().describe()
                        + "; the weights diverged before this checkpoint was saved, use an earlier one", bad.get().name());
            }
            Map<String, Parameter> params = ParameterNames.of(block);
            if (!saved.keySet().equals(params.keySet())) {
                var missing = new java.util.TreeSet<>(params.keySet());
                missing.removeAll(saved.keySet());
                var extra = new java.util.TreeSet<>(saved.keySet());
                extra.removeAll(params.keySet());
                throw new AdaptsegException(file + ": parameters do not match the network " + name
                        + " (missing " + missing + ", unexpected " + extra + ")");
            }
            for (var e : params.entrySet()) {
                NDArray target = e.getValue().getArray();
                NDArray value = saved.get(e.getKey());
                Shape expected = target.getShape();
                if (!expected.equals(value.getShape()) || target.getDataType() != value.getDataType()) {
                    throw new AdaptsegException(file + ": parameter " + e.getKey() + " is " + value.getShape() + " "
                            + value.getDataType() + ", the network has " + expected + " " + target.getDataType());
                }
                target.set(value.toByteBuffer());
            }
        }
    }

    /** Restores the optimiser state saved under {@code optimizers/<name>.npz}. */
    public static void loadOptimizer(Path dir, String name, ParameterOptimizer optimizer) throws AdaptsegException {
        Path file = dir.resolve("optimizers").resolve(name + ".npz");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDList list = new NDList();
            readNpz(file, manager).forEach((k, v) -> {
                v.setName(k);
                list.add(v);
            });
            optimizer.loadState(list);
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, NDArray> readNpz(Path file, NDManager manager) throws AdaptsegException {
        if (!Files.isRegularFile(file)) {
            throw new AdaptsegException(file + ": missing from the checkpoint");
        }
        try (InputStream in = Files.newInputStream(file)) {
            NDList list = NDList.decode(manager, in);
            Map<String, NDArray> map = new LinkedHashMap<>();
            for (NDArray a : list) {
                map.put(a.getName(), a);
            }
            return map;
        } catch (IOException | RuntimeException e) {
            throw new AdaptsegException(file + ": unreadable npz (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The checkpoint to resume from: {@code path} itself when it holds a {@code state.json},
     * otherwise the newest {@code iter_*} directory inside it.
     */
    public static Path resolve(Path path) throws AdaptsegException {
        if (Files.isRegularFile(path.resolve(STATE_FILE))) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new AdaptsegException(path + ": no such checkpoint directory");
        }
        return newest(path).orElseThrow(() -> new AdaptsegException(path + ": holds no checkpoint (no " + PREFIX
                + "* directory with " + STATE_FILE + ")"));
    }

    /** The newest {@code iter_<n>} checkpoint in a snapshot directory; empty when it holds none or does not exist. */
    public static Optional<Path> newest(Path snapshotDir) throws AdaptsegException {
        if (!Files.isDirectory(snapshotDir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(snapshotDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .filter(p -> Files.isRegularFile(p.resolve(STATE_FILE)))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            throw new AdaptsegException(snapshotDir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Deletes the hidden temporary folders ({@code .iter_<n>.<random>}, {@code .best.<random>}) that
     * a checkpoint write leaves when the process is killed before its rename; they are never a
     * checkpoint. Returns how many were removed.
     */
    public static int removeInterruptedWrites(Path snapshotDir) throws IOException {
        if (!Files.isDirectory(snapshotDir)) {
            return 0;
        }
        List<Path> stale;
        try (Stream<Path> s = Files.list(snapshotDir)) {
            stale = s.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && INTERRUPTED_WRITE.matcher(p.getFileName().toString()).matches()).toList();
        }
        for (Path p : stale) {
            deleteRecursively(p);
        }
        return stale.size();
    }

    /** The temporary folder names of {@link #write} and {@link #copy}: a dot, the target name, a dot, digits. */
    private static final Pattern INTERRUPTED_WRITE =
            Pattern.compile("\\.(" + PREFIX + "\\d+|best|stage\\d+)\\.\\d+");

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Copies a whole checkpoint directory (for "best"), atomically replacing {@code target}. */
    public static void copy(Path checkpoint, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
        try (Stream<Path> s = Files.walk(checkpoint)) {
            for (Path p : s.toList()) {
                Path dest = tmp.resolve(checkpoint.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
            deleteRecursively(target);
            AtomicFiles.moveAtomically(tmp, target);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(tmp);
            throw e;
        }
    }
}
