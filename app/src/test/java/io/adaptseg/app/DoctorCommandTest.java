package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code adaptseg doctor} in-process: it names the CPU, every route's verdict and the route in use. */
class DoctorCommandTest {
    @Test
    void reportsEveryRouteAndThePassingRouteInUse() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(Commands.all(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"doctor"});
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.startsWith("cpu: "), text);
        for (String route : new String[] {"onednn ", "onednn-sse41 ", "aten "}) {
            assertTrue(text.contains("\n  " + route), route + " missing in\n" + text);
        }
        assertTrue(text.contains("training uses: "), text);
        assertTrue(text.contains("result: training computes correct gradients on this machine"), text);
        assertTrue(text.contains("java backend: [") && text.contains("CPUExecutionProvider"), text);
    }
}
