package io.adaptseg.train.weights.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Opcodes the torch.save fixtures do not exercise, as a Python 2 pickler wrote them (old checkpoints such
 * as the 2017 COCO initialisation): str as SHORT_BINSTRING, OrderedDict as a list of pairs, a 1-tuple
 * holding None, big LONG1 integers, BINFLOAT, memo.
 */
class PickleReaderTest {
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes op(int... b) {
            for (int x : b) {
                out.write(x);
            }
            return this;
        }

        Bytes text(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Bytes shortString(String s) {
            return op(0x55, s.length()).text(s);
        }

        Object load() throws PickleException {
            return new PickleReader(ByteBuffer.wrap(out.toByteArray()), pid -> pid).load();
        }
    }

    @Test
    void pythonTwoOrderedDictWithStringsLongsFloatsAndTuplesOfNone() throws Exception {
        Bytes b = new Bytes().op(0x80, 2).op('c').text("collections\nOrderedDict\n").op('q', 0)
                .op(']').op('(')
                .op(']').op('(').shortString("a").op('K', 7).op('e')
                .op(']').op('(').shortString("b").op('N', 0x85).op('e')
                .op(']').op('(').shortString("c").op('G').op(0x3f, 0xf8, 0, 0, 0, 0, 0, 0).op('e')
                .op(']').op('(').shortString("d").op(0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0x40).op('e')
                .op('e').op(0x85, 'R').op('.');
        Object result = b.load();
        Map<?, ?> dict = (Map<?, ?>) result;
        assertEquals(List.of("a", "b", "c", "d"), List.copyOf(dict.keySet()));
        assertEquals(7L, dict.get("a"));
        assertEquals(Arrays.asList((Object) null), ((PickleReader.Tuple) dict.get("b")).items());
        assertEquals(1.5, dict.get("c"));
        assertEquals(BigInteger.ONE.shiftLeft(70), dict.get("d"));
    }

    @Test
    void memoAndPersistentIdsAndRefusals() throws Exception {
        // ('storage', 1) as a persistent id, memoised and fetched again: [pid, pid]
        Bytes b = new Bytes().op(0x80, 2).op(']').op('(').op(0x8c, 7).text("storage").op('K', 1).op(0x86, 'Q')
                .op('q', 3).op('h', 3).op('e').op('.');
        List<?> list = (List<?>) b.load();
        assertEquals(2, list.size());
        assertEquals(List.of("storage", 1L), ((PickleReader.Tuple) list.get(0)).items());

        var e = assertThrows(PickleException.class, () -> new Bytes().op(0x80, 2).op('I').text("3\n").op('.').load());
        assertTrue(e.getMessage().contains("opcode 0x49 at byte 2"), e.getMessage());
        var e2 = assertThrows(PickleException.class, () -> new Bytes().op(0x80, 2).op('c').text("builtins\neval\n").load());
        assertTrue(e2.getMessage().contains("'builtins.eval' is not allowed"), e2.getMessage());
        var e3 = assertThrows(PickleException.class, () -> new Bytes().op(0x80, 2).op('X', 100, 0, 0, 0).text("ab").load());
        assertTrue(e3.getMessage().contains("runs past the end"), e3.getMessage());
        assertArrayEquals(new byte[] {1, 2}, (byte[]) new Bytes().op(0x80, 3).op('C', 2, 1, 2).op('.').load());
    }
}
