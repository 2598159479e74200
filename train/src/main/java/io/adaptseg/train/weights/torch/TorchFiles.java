package io.adaptseg.train.weights.torch;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.weights.torch.PickleReader.Tuple;
import io.adaptseg.train.weights.torch.PickleReader.UncheckedPickleException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the state dict of a file written by {@code torch.save}, without Python: the zip format (PyTorch
 * 1.6 and later: {@code <archive>/data.pkl} plus one {@code <archive>/data/<key>} entry per storage) and
 * the legacy stream (older versions and {@code _use_new_zipfile_serialization=False}: magic number,
 * protocol, system info, the pickle, the storage keys, then each storage's element count and bytes).
 * The pickle is interpreted by {@link PickleReader} with {@link AllowedGlobals}, so no pickled code runs.
 *
 * <p>The state dict is the file's top-level dict of names to tensors or, for training checkpoints, the
 * largest such dict inside it ({@code {"state_dict": …}} of MaxSquare, {@code {"DeepLab": {"model_state":
 * …}}} of CAG); a {@code module.} prefix on every name ({@code nn.DataParallel}) is removed. Both choices
 * are reported in {@link TorchStateDict#notes()}.
 */
public final class TorchFiles {
    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long LEGACY_PROTOCOL = 1001;
    private static final String MODULE_PREFIX = "module.";

    private TorchFiles() {
    }

    /**
     * Reads the state dict of {@code file}.
     *
     * @throws AdaptsegException naming the file: not found, not a torch.save file, a pickle global off the
     *     allow list (named {@code module.name}), a truncated storage, or no dict of tensors inside
     */
    public static TorchStateDict read(Path file) throws AdaptsegException {
        try {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(512);
            }
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                return readZip(file);
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0x80) {
                return readLegacy(file);
            }
            if (head.length >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
                throw new AdaptsegException(file + ": this is the tar format of PyTorch before 0.4, which adaptseg"
                        + " does not read; load it in PyTorch and save it again with torch.save");
            }
            throw new AdaptsegException(file + ": not a PyTorch checkpoint (neither the zip format of torch.save"
                    + " nor its legacy pickle stream)");
        } catch (NoSuchFileException e) {
            throw new AdaptsegException(file + ": weight file not found", e);
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (PickleException e) {
            throw new AdaptsegException(file + ": " + e.getMessage(), e);
        }
    }

    private static TorchStateDict readZip(Path file) throws IOException, PickleException, AdaptsegException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = null;
            for (var entries = zip.entries(); entries.hasMoreElements();) {
                String name = entries.nextElement().getName();
                if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
                    prefix = name.substring(0, name.length() - "data.pkl".length());
                    break;
                }
            }
            if (prefix == null) {
                throw new AdaptsegException(file + ": a zip file without <archive>/data.pkl, so not a torch.save file");
            }
            ZipEntry order = zip.getEntry(prefix + "byteorder");
            if (order != null) {
                String byteOrder = new String(read(zip, order), java.nio.charset.StandardCharsets.US_ASCII).trim();
                if (!byteOrder.equals("little")) {
                    throw new AdaptsegException(file + ": storages are " + byteOrder + "-endian; only little-endian"
                            + " files are read");
                }
            }
            Map<String, StorageRef> storages = new LinkedHashMap<>();
            Object root = new PickleReader(ByteBuffer.wrap(read(zip, zip.getEntry(prefix + "data.pkl"))),
                    pid -> {
                        StorageRef ref = storageRef(pid, false);
                        storages.putIfAbsent(ref.key(), ref);
                        return ref;
                    }).load();
            String dataPrefix = prefix + "data/";
            Map<String, ByteBuffer> bytes = new HashMap<>();
            for (StorageRef ref : storages.values()) {
                ZipEntry entry = zip.getEntry(dataPrefix + ref.key());
                if (entry == null) {
                    throw new AdaptsegException(file + ": storage '" + ref.key() + "' is referenced but the zip has no "
                            + dataPrefix + ref.key());
                }
                bytes.put(ref.key(), ByteBuffer.wrap(read(zip, entry)).order(ByteOrder.LITTLE_ENDIAN));
            }
            return stateDict(file, "zip", root, bytes);
        }
    }

    private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static TorchStateDict readLegacy(Path file) throws IOException, PickleException, AdaptsegException {
        ByteBuffer all;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
        }
        Object magic = new PickleReader(all, pid -> null).load();
        if (!LEGACY_MAGIC.equals(magic instanceof Long l ? BigInteger.valueOf(l) : magic)) {
            throw new AdaptsegException(file + ": a pickle, but not a torch.save file (no torch magic number)");
        }
        Object protocol = new PickleReader(all, pid -> null).load();
        if (!Long.valueOf(LEGACY_PROTOCOL).equals(protocol)) {
            throw new AdaptsegException(file + ": torch.save legacy protocol " + protocol + ", expected " + LEGACY_PROTOCOL);
        }
        Object sysInfo = new PickleReader(all, pid -> null).load();
        if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
            throw new AdaptsegException(file + ": written on a big-endian machine; only little-endian files are read");
        }
        Map<String, StorageRef> roots = new LinkedHashMap<>();
        Object root = new PickleReader(all, pid -> {
            StorageRef ref = storageRef(pid, true);
            roots.putIfAbsent(ref.key(), new StorageRef(ref.key(), ref.type(), rootNumel(pid), 0));
            return ref;
        }).load();
        Object keys = new PickleReader(all, pid -> null).load();
        if (!(keys instanceof List<?> keyList)) {
            throw new AdaptsegException(file + ": legacy file without its list of storage keys");
        }
        Map<String, ByteBuffer> bytes = new HashMap<>();
        for (Object k : keyList) {
            String key = String.valueOf(k);
            StorageRef ref = roots.get(key);
            if (ref == null) {
                throw new AdaptsegException(file + ": storage '" + key + "' is listed but no tensor uses it");
            }
            if (all.remaining() < Long.BYTES) {
                throw new AdaptsegException(file + ": ends before storage '" + key + "' (truncated file?)");
            }
            long numel = all.getLong();
            long length = numel * ref.type().elementSize();
            if (numel < 0 || length > all.remaining()) {
                throw new AdaptsegException(file + ": storage '" + key + "' needs " + length + " bytes, "
                        + all.remaining() + " left (truncated file?)");
            }
            ByteBuffer slice = all.slice(all.position(), (int) length).order(ByteOrder.LITTLE_ENDIAN);
            all.position(all.position() + (int) length);
            bytes.put(key, slice);
        }
        return stateDict(file, "legacy", root, bytes);
    }

    /** ('storage', type, key, location, numel[, view_metadata]) → a reference (views keep their offset). */
    private static StorageRef storageRef(Object pid, boolean legacy) {
        if (!(pid instanceof Tuple t) || t.size() < 5 || !"storage".equals(t.get(0))) {
            throw new UncheckedPickleException("persistent id " + PickleReader.describe(pid)
                    + " is not a storage reference ('storage', type, key, location, size)");
        }
        if (!(t.get(1) instanceof PickleGlobal g) || AllowedGlobals.storageType(g) == null) {
            throw new UncheckedPickleException("storage type " + PickleReader.describe(t.get(1)) + " is not one of "
                    + java.util.Arrays.toString(StorageType.values()));
        }
        StorageType type = AllowedGlobals.storageType(g);
        String key = String.valueOf(t.get(2));
        long numel = t.get(4) instanceof Long n ? n : -1;
        if (legacy && t.size() > 5 && t.get(5) instanceof Tuple view && view.size() == 3
                && view.get(1) instanceof Long offset && view.get(2) instanceof Long viewSize) {
            return new StorageRef(key, type, viewSize, offset);
        }
        return new StorageRef(key, type, numel, 0);
    }

    private static long rootNumel(Object pid) {
        return ((Tuple) pid).get(4) instanceof Long n ? n : -1;
    }

    private static TorchStateDict stateDict(Path file, String format, Object root, Map<String, ByteBuffer> bytes)
            throws AdaptsegException {
        List<String> notes = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        collect(root, List.of(), candidates, 0);
        if (candidates.isEmpty()) {
            throw new AdaptsegException(file + ": no state dict (a dict of names to tensors) in this file; top level: "
                    + outline(root));
        }
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (c.tensors() > best.tensors()) {
                best = c;
            }
        }
        if (!best.path().isEmpty()) {
            notes.add("state dict under " + String.join(" → ", best.path().stream().map(p -> "'" + p + "'").toList()));
        }
        Map<String, TensorRef> refs = new LinkedHashMap<>();
        int dropped = 0;
        for (var e : best.dict().entrySet()) {
            if (e.getValue() instanceof TensorRef ref) {
                refs.put(String.valueOf(e.getKey()), ref);
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            notes.add(dropped + " non-tensor entries dropped");
        }
        boolean prefixed = refs.keySet().stream().allMatch(k -> k.startsWith(MODULE_PREFIX));
        if (prefixed) {
            notes.add("'" + MODULE_PREFIX + "' prefix removed (saved from nn.DataParallel)");
        }
        List<TorchTensor> tensors = new ArrayList<>();
        for (var e : refs.entrySet()) {
            String name = prefixed ? e.getKey().substring(MODULE_PREFIX.length()) : e.getKey();
            tensors.add(materialise(file, name, e.getValue(), bytes));
        }
        return new TorchStateDict(format, tensors, notes);
    }

    private record Candidate(List<String> path, Map<?, ?> dict, int tensors) {
    }

    /** Every dict (to depth 4) whose keys are text and that holds tensors, with its path of keys. */
    private static void collect(Object o, List<String> path, List<Candidate> out, int depth) {
        if (!(o instanceof Map<?, ?> m) || depth > 4) {
            return;
        }
        int tensors = 0;
        boolean textKeys = true;
        for (var e : m.entrySet()) {
            textKeys &= e.getKey() instanceof String;
            if (e.getValue() instanceof TensorRef) {
                tensors++;
            }
        }
        if (textKeys && tensors > 0) {
            out.add(new Candidate(path, m, tensors));
        }
        for (var e : m.entrySet()) {
            if (e.getValue() instanceof Map<?, ?>) {
                List<String> sub = new ArrayList<>(path);
                sub.add(String.valueOf(e.getKey()));
                collect(e.getValue(), sub, out, depth + 1);
            }
        }
    }

    private static String outline(Object root) {
        if (root instanceof Map<?, ?> m) {
            List<String> keys = new ArrayList<>();
            m.keySet().stream().limit(10).forEach(k -> keys.add(String.valueOf(k)));
            return "a dict with keys " + keys + (m.size() > 10 ? " …" : "");
        }
        return PickleReader.describe(root);
    }

    private static TorchTensor materialise(Path file, String name, TensorRef ref, Map<String, ByteBuffer> bytes)
            throws AdaptsegException {
        StorageType type = ref.storage().type();
        ByteBuffer data = bytes.get(ref.storage().key());
        if (data == null) {
            throw new AdaptsegException(file + ": tensor '" + name + "' uses storage '" + ref.storage().key()
                    + "', which the file does not contain");
        }
        long available = data.capacity() / type.elementSize();
        long[] size = ref.size();
        long[] stride = ref.stride();
        long numel = ref.numel();
        long last = ref.offset();
        for (int d = 0; d < size.length; d++) {
            if (size[d] < 0 || stride[d] < 0) {
                throw new AdaptsegException(file + ": tensor '" + name + "' has a negative size or stride");
            }
            last += (size[d] - 1) * stride[d];
        }
        if (numel > 0 && (ref.offset() < 0 || last >= available)) {
            throw new AdaptsegException(file + ": tensor '" + name + "' reaches element " + last + " of storage '"
                    + ref.storage().key() + "', which has " + available + " (corrupt or truncated file)");
        }
        if (numel > Integer.MAX_VALUE) {
            throw new AdaptsegException(file + ": tensor '" + name + "' has " + numel + " elements, more than one"
                    + " Java array holds");
        }
        float[] floats = type.isFloating() ? new float[(int) numel] : null;
        long[] longs = type.isFloating() ? null : new long[(int) numel];
        long[] index = new long[size.length];
        long at = ref.offset();
        for (int i = 0; i < numel; i++) {
            if (floats != null) {
                floats[i] = type.floatAt(data, at);
            } else {
                longs[i] = type.longAt(data, at);
            }
            // next row-major index, moving the element position by the strides
            for (int d = size.length - 1; d >= 0; d--) {
                index[d]++;
                at += stride[d];
                if (index[d] < size[d]) {
                    break;
                }
                at -= index[d] * stride[d];
                index[d] = 0;
            }
        }
        return new TorchTensor(name, type, size, floats, longs);
    }
}
