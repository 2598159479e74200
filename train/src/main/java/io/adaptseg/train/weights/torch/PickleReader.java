package io.adaptseg.train.weights.torch;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A pickle interpreter for the subset that PyTorch state dicts use (protocols 2 to 5 and the Python 2
 * string opcodes of old checkpoints). It builds plain Java values — {@code String}, {@code Long},
 * {@code BigInteger}, {@code Double}, {@code Boolean}, {@code null}, {@code byte[]}, {@link Tuple},
 * {@code List}, {@code Map} — and hands every GLOBAL to {@link AllowedGlobals}, so no code named in
 * the stream ever runs: a global off the allow list stops the read with its {@code module.name}.
 * Persistent ids (how torch.save refers to storages) go to the given loader.
 */
final class PickleReader {
    /** A pickled tuple (kept apart from lists only for messages). */
    record Tuple(List<Object> items) {
        Tuple {
            items = java.util.Collections.unmodifiableList(new ArrayList<>(items));
        }

        Object get(int i) {
            return items.get(i);
        }

        int size() {
            return items.size();
        }
    }

    private static final Object MARK = new Object() {
        @Override
        public String toString() {
            return "MARK";
        }
    };

    private final ByteBuffer in;
    private final Function<Object, Object> persistentLoad;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    /**
     * @param in the stream, positioned at the first opcode; read from there up to STOP
     * @param persistentLoad turns a persistent id into its object (may throw {@link UncheckedPickleException})
     */
    PickleReader(ByteBuffer in, Function<Object, Object> persistentLoad) {
        this.in = in.order(ByteOrder.LITTLE_ENDIAN);
        this.persistentLoad = persistentLoad;
    }

    /** Reads one pickle (up to its STOP opcode) and returns its value; the buffer is left just after it. */
    Object load() throws PickleException {
        try {
            return run();
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new PickleException("pickle stream ends early (truncated file?) at byte " + in.position());
        } catch (UncheckedPickleException e) {
            throw e.checked();
        }
    }

    /** Wraps a {@link PickleException} thrown inside callbacks. */
    static final class UncheckedPickleException extends RuntimeException {
        UncheckedPickleException(String message) {
            super(message);
        }

        PickleException checked() {
            return new PickleException(getMessage());
        }
    }

    private Object run() throws PickleException {
        while (true) {
            int at = in.position();
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> in.get(); // PROTO
                case 0x95 -> in.getLong(); // FRAME: length only, the data follows inline
                case 0x2e -> { // STOP
                    return pop();
                }
                case 0x28 -> { // MARK
                    marks.push(stack.size());
                }
                case 0x7d -> push(new LinkedHashMap<>()); // EMPTY_DICT
                case 0x5d -> push(new ArrayList<>()); // EMPTY_LIST
                case 0x29 -> push(new Tuple(List.of())); // EMPTY_TUPLE
                case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
                case 0x4e -> push(null); // NONE
                case 0x88 -> push(Boolean.TRUE); // NEWTRUE
                case 0x89 -> push(Boolean.FALSE); // NEWFALSE
                case 0x4a -> push((long) in.getInt()); // BININT
                case 0x4b -> push((long) (in.get() & 0xff)); // BININT1
                case 0x4d -> push((long) (in.getShort() & 0xffff)); // BININT2
                case 0x8a -> push(longFrom(bytes(in.get() & 0xff))); // LONG1
                case 0x8b -> push(longFrom(bytes(length(in.getInt())))); // LONG4
                case 0x47 -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // BINFLOAT (big-endian)
                case 0x58 -> push(utf8(bytes(length(in.getInt())))); // BINUNICODE
                case 0x8c -> push(utf8(bytes(in.get() & 0xff))); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(bytes(length(in.getLong())))); // BINUNICODE8
                // Python 2 str (old checkpoints): keys and names, read as Latin-1 text
                case 0x54 -> push(latin1(bytes(length(in.getInt())))); // BINSTRING
                case 0x55 -> push(latin1(bytes(in.get() & 0xff))); // SHORT_BINSTRING
                case 0x42 -> push(bytes(length(in.getInt()))); // BINBYTES
                case 0x43 -> push(bytes(in.get() & 0xff)); // SHORT_BINBYTES
                case 0x8e -> push(bytes(length(in.getLong()))); // BINBYTES8
                case 0x74 -> push(new Tuple(popMark())); // TUPLE
                case 0x85 -> push(tuple(pop())); // TUPLE1 (may hold None)
                case 0x86 -> { // TUPLE2
                    Object b = pop();
                    Object a = pop();
                    push(tuple(a, b));
                }
                case 0x87 -> { // TUPLE3
                    Object c = pop();
                    Object b = pop();
                    Object a = pop();
                    push(tuple(a, b, c));
                }
                case 0x6c -> push(new ArrayList<>(popMark())); // LIST
                case 0x64 -> { // DICT
                    List<Object> items = popMark();
                    Map<Object, Object> d = new LinkedHashMap<>();
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        d.put(key(items.get(i)), items.get(i + 1));
                    }
                    push(d);
                }
                case 0x71 -> memo.put((long) (in.get() & 0xff), top()); // BINPUT
                case 0x72 -> memo.put(in.getInt() & 0xffffffffL, top()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), top()); // MEMOIZE
                case 0x68 -> push(memo((long) (in.get() & 0xff))); // BINGET
                case 0x6a -> push(memo(in.getInt() & 0xffffffffL)); // LONG_BINGET
                case 0x30 -> pop(); // POP
                case 0x31 -> popMark(); // POP_MARK
                case 0x32 -> push(top()); // DUP
                case 0x63 -> push(AllowedGlobals.resolve(new PickleGlobal(line(), line()))); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    push(AllowedGlobals.resolve(new PickleGlobal(text(module), text(name))));
                }
                case 0x52, 0x81 -> { // REDUCE, NEWOBJ: callable (or class) and an argument tuple
                    Object args = pop();
                    Object callable = pop();
                    push(AllowedGlobals.call(callable, items(args)));
                }
                case 0x62 -> { // BUILD: state for the object below it
                    Object state = pop();
                    push(AllowedGlobals.build(pop(), state));
                }
                case 0x73 -> { // SETITEM
                    Object value = pop();
                    Object key = pop();
                    dict(top()).put(key(key), value);
                }
                case 0x75 -> { // SETITEMS
                    List<Object> items = popMark();
                    Map<Object, Object> d = dict(top());
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        d.put(key(items.get(i)), items.get(i + 1));
                    }
                }
                case 0x61 -> { // APPEND
                    Object value = pop();
                    list(top()).add(value);
                }
                case 0x65 -> { // APPENDS
                    List<Object> items = popMark();
                    list(top()).addAll(items);
                }
                case 0x90 -> { // ADDITEMS
                    List<Object> items = popMark();
                    set(top()).addAll(items);
                }
                case 0x91 -> push(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(popMark()))); // FROZENSET
                case 0x51 -> push(persistentLoad.apply(pop())); // BINPERSID
                case 0x50 -> push(persistentLoad.apply(line())); // PERSID (text id)
                default -> throw new PickleException(String.format(
                        "pickle opcode 0x%02x at byte %d is not one a state dict uses", op, at));
            }
        }
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() throws PickleException {
        if (stack.isEmpty() || (!marks.isEmpty() && marks.peek() == stack.size())) {
            throw new PickleException("malformed pickle: stack underflow at byte " + in.position());
        }
        return stack.remove(stack.size() - 1);
    }

    private Object top() throws PickleException {
        if (stack.isEmpty()) {
            throw new PickleException("malformed pickle: empty stack at byte " + in.position());
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() throws PickleException {
        if (marks.isEmpty()) {
            throw new PickleException("malformed pickle: no MARK at byte " + in.position());
        }
        int from = marks.pop();
        List<Object> sub = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(sub);
        sub.clear();
        return items;
    }

    private Object memo(long key) throws PickleException {
        if (!memo.containsKey(key)) {
            throw new PickleException("malformed pickle: memo entry " + key + " read before it was written");
        }
        return memo.get(key);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private int length(long n) throws PickleException {
        if (n < 0 || n > in.remaining()) {
            throw new PickleException("malformed pickle: length " + n + " at byte " + in.position()
                    + " runs past the end of the stream");
        }
        return (int) n;
    }

    private String line() {
        StringBuilder sb = new StringBuilder();
        byte b;
        while ((b = in.get()) != '\n') {
            sb.append((char) (b & 0xff));
        }
        return sb.toString();
    }

    private static Object longFrom(byte[] littleEndian) {
        if (littleEndian.length == 0) {
            return 0L;
        }
        byte[] big = new byte[littleEndian.length];
        for (int i = 0; i < big.length; i++) {
            big[i] = littleEndian[big.length - 1 - i];
        }
        BigInteger v = new BigInteger(big);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static Tuple tuple(Object... items) {
        List<Object> l = new ArrayList<>();
        java.util.Collections.addAll(l, items);
        return new Tuple(l);
    }

    private static String text(Object o) throws PickleException {
        if (o instanceof String s) {
            return s;
        }
        throw new PickleException("malformed pickle: expected a name, found " + describe(o));
    }

    private static Object key(Object k) {
        // tuples and lists are unhashable in Python; a byte[] key compares by identity in Java
        return k instanceof byte[] b ? latin1(b) : k;
    }

    private static List<Object> items(Object args) throws PickleException {
        if (args instanceof Tuple t) {
            return t.items();
        }
        if (args instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new PickleException("malformed pickle: call arguments are " + describe(args) + ", not a tuple");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o) throws PickleException {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new PickleException("malformed pickle: SETITEM on " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) throws PickleException {
        if (o instanceof List<?> l && !(o instanceof Tuple)) {
            return (List<Object>) l;
        }
        throw new PickleException("malformed pickle: APPEND on " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> set(Object o) throws PickleException {
        if (o instanceof Set<?> s) {
            return (Set<Object>) s;
        }
        throw new PickleException("malformed pickle: ADDITEMS on " + describe(o));
    }

    /** A short description of a value for messages. */
    static String describe(Object o) {
        return o == null ? "None" : o instanceof PickleGlobal g ? g.qualifiedName() : o.getClass().getSimpleName();
    }
}
