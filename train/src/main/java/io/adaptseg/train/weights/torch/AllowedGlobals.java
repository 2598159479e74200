package io.adaptseg.train.weights.torch;

import io.adaptseg.train.weights.torch.PickleReader.Tuple;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only globals a checkpoint may name, and what each stands for. Nothing is imported or executed:
 * each entry is a small Java function over already-decoded values. Allowed are the containers and
 * tensor/storage rebuilders of {@code torch.save} ({@code collections.OrderedDict},
 * {@code torch._utils._rebuild_tensor[_v2]}, {@code _rebuild_parameter[_with_state]},
 * {@code torch._tensor._rebuild_from_type_v2}, the {@code torch.*Storage} classes,
 * {@code torch.Size}) and the numpy scalar that training scripts store as a best score
 * ({@code numpy.core.multiarray.scalar}, {@code numpy.dtype}, {@code _codecs.encode}). Anything else
 * — {@code argparse.Namespace}, {@code os.system}, a model class — is refused by name.
 */
final class AllowedGlobals {
    /** Marker globals: names that only mean something as an argument (storage types, tensor classes). */
    private static final Set<String> MARKERS = Set.of("torch.Tensor", "torch._tensor.Tensor",
            "torch.nn.parameter.Parameter", "torch.storage.UntypedStorage", "torch.UntypedStorage",
            "torch.storage.TypedStorage", "torch.storage._TypedStorage");
    private static final Set<String> CALLABLE = Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_tensor", "torch._utils._rebuild_parameter",
            "torch._utils._rebuild_parameter_with_state", "torch._tensor._rebuild_from_type_v2", "torch.Size",
            "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar", "numpy.dtype", "_codecs.encode");

    /** A numpy dtype as pickled ({@code numpy.dtype('f8', False, True)} then its state). */
    record NumpyDtype(String code, ByteOrder order) {
    }

    private AllowedGlobals() {
    }

    /** The value a GLOBAL pushes: the name itself when allowed. */
    static PickleGlobal resolve(PickleGlobal g) throws PickleException {
        String name = g.qualifiedName();
        if (MARKERS.contains(name) || CALLABLE.contains(name) || storageType(g) != null) {
            return g;
        }
        throw new PickleException("pickle global '" + name + "' is not allowed: this reader only rebuilds tensors,"
                + " storages and plain containers of a state dict, and runs no pickled code");
    }

    /** The storage type a global names ({@code torch.FloatStorage}), or null. */
    static StorageType storageType(PickleGlobal g) {
        if (!g.module().equals("torch")) {
            return g.qualifiedName().endsWith("UntypedStorage") ? StorageType.UINT8 : null;
        }
        return g.name().equals("UntypedStorage") ? StorageType.UINT8
                : StorageType.ofClassName(g.name()).orElse(null);
    }

    /** REDUCE / NEWOBJ: applies an allowed callable to its arguments. */
    static Object call(Object callable, List<Object> args) throws PickleException {
        if (!(callable instanceof PickleGlobal g) || !CALLABLE.contains(g.qualifiedName())) {
            throw new PickleException("pickle calls " + PickleReader.describe(callable)
                    + ", which is not a function this reader rebuilds");
        }
        return switch (g.qualifiedName()) {
            case "collections.OrderedDict" -> orderedDict(args);
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" -> tensor(args);
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> arg(args, 0, g);
            case "torch._tensor._rebuild_from_type_v2" -> {
                // (func, new_type, args, state): a plain tensor or Parameter rebuilt by func(*args)
                Object inner = arg(args, 2, g);
                yield call(arg(args, 0, g), inner instanceof Tuple t ? t.items() : List.of(inner));
            }
            case "torch.Size" -> args.isEmpty() ? List.of() : arg(args, 0, g);
            case "numpy.dtype" -> new NumpyDtype(string(arg(args, 0, g), g), ByteOrder.LITTLE_ENDIAN);
            case "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar" -> numpyScalar(args, g);
            case "_codecs.encode" -> {
                // protocol 2 spells Python 3 bytes as _codecs.encode(text, 'latin1')
                String encoding = args.size() > 1 ? string(args.get(1), g) : "utf-8";
                var charset = encoding.replace("-", "").equalsIgnoreCase("latin1") ? StandardCharsets.ISO_8859_1
                        : StandardCharsets.UTF_8;
                yield string(arg(args, 0, g), g).getBytes(charset);
            }
            default -> throw new IllegalStateException("no rule for " + g);
        };
    }

    /** BUILD: sets the state of an object; only dtypes use theirs, the rest (dict attributes) is ignored. */
    static Object build(Object target, Object state) {
        if (target instanceof NumpyDtype d && state instanceof Tuple t && t.size() > 1 && ">".equals(t.get(1))) {
            return new NumpyDtype(d.code(), ByteOrder.BIG_ENDIAN);
        }
        return target;
    }

    private static Map<Object, Object> orderedDict(List<Object> args) throws PickleException {
        Map<Object, Object> d = new LinkedHashMap<>();
        if (!args.isEmpty() && args.get(0) instanceof List<?> pairs) {
            // Python 2 pickles an OrderedDict as OrderedDict([[key, value], ...])
            for (Object pair : pairs) {
                List<?> kv = pair instanceof Tuple t ? t.items() : pair instanceof List<?> l ? l : null;
                if (kv == null || kv.size() != 2) {
                    throw new PickleException("malformed pickle: OrderedDict item is " + PickleReader.describe(pair));
                }
                d.put(kv.get(0), kv.get(1));
            }
        }
        return d;
    }

    private static TensorRef tensor(List<Object> args) throws PickleException {
        PickleGlobal g = new PickleGlobal("torch._utils", "_rebuild_tensor_v2");
        if (!(arg(args, 0, g) instanceof StorageRef storage)) {
            throw new PickleException("malformed pickle: a tensor's storage is " + PickleReader.describe(args.get(0)));
        }
        long offset = number(arg(args, 1, g), g);
        long[] size = longs(arg(args, 2, g), g);
        long[] stride = longs(arg(args, 3, g), g);
        if (size.length != stride.length) {
            throw new PickleException("malformed pickle: tensor size " + java.util.Arrays.toString(size)
                    + " and stride " + java.util.Arrays.toString(stride) + " differ in length");
        }
        return new TensorRef(storage, offset + storage.viewOffset(), size, stride);
    }

    private static Object numpyScalar(List<Object> args, PickleGlobal g) throws PickleException {
        if (!(arg(args, 0, g) instanceof NumpyDtype dtype) || !(arg(args, 1, g) instanceof byte[] raw)) {
            throw new PickleException("malformed pickle: numpy scalar without dtype and bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(dtype.order());
        return switch (dtype.code()) {
            case "f8" -> b.getDouble();
            case "f4" -> (double) b.getFloat();
            case "i8", "u8" -> b.getLong();
            case "i4" -> (long) b.getInt();
            case "b1" -> raw[0] != 0;
            // an unusual scalar is kept as its bytes: it is never a weight
            default -> raw;
        };
    }

    private static Object arg(List<Object> args, int i, PickleGlobal g) throws PickleException {
        if (i >= args.size()) {
            throw new PickleException("malformed pickle: " + g + " called with " + args.size() + " arguments");
        }
        return args.get(i);
    }

    private static String string(Object o, PickleGlobal g) throws PickleException {
        if (o instanceof String s) {
            return s;
        }
        throw new PickleException("malformed pickle: " + g + " expects text, found " + PickleReader.describe(o));
    }

    private static long number(Object o, PickleGlobal g) throws PickleException {
        if (o instanceof Long l) {
            return l;
        }
        throw new PickleException("malformed pickle: " + g + " expects an integer, found " + PickleReader.describe(o));
    }

    private static long[] longs(Object o, PickleGlobal g) throws PickleException {
        List<?> items = o instanceof Tuple t ? t.items() : o instanceof List<?> l ? l : null;
        if (items == null) {
            throw new PickleException("malformed pickle: " + g + " expects a tuple of integers, found "
                    + PickleReader.describe(o));
        }
        List<Long> out = new ArrayList<>();
        for (Object x : items) {
            out.add(number(x, g));
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
