package io.adaptseg.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void linesShowCountPercentRateAndEta() {
        assertEquals("[######                        ] 12/60  20% 6.0 img/s ETA 0m08s",
                ProgressBar.line(12, 12, 60, 2.0, ProgressBar.Rate.IMAGES_PER_SECOND));
        // resumed at 100: the rate counts the 50 iterations of this run, the bar all 150
        assertEquals("[##########                    ] 150/450  33% 0.200 s/it ETA 1m00s",
                ProgressBar.line(50, 150, 450, 10.0, ProgressBar.Rate.SECONDS_PER_ITEM));
        assertEquals("1h05m", ProgressBar.duration(3900));
    }

    @Test
    void aLogGetsALineAtEachTenthAndTheEndNotOnEveryStep() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(out, false, 0, 1000, ProgressBar.Rate.IMAGES_PER_SECOND);
        for (int i = 0; i < 1000; i++) {
            bar.step();
        }
        bar.finish(); // a second finish draws nothing
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(10, lines.length, String.join("\n", lines));
        assertTrue(lines[0].contains(" 100/1000 "), lines[0]);
        assertTrue(lines[9].contains(" 1000/1000 100% "), lines[9]);
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\r"));
    }

    @Test
    void aTerminalIsRedrawnInPlaceAndEndsWithANewline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(out, true, 0, 3, ProgressBar.Rate.SECONDS_PER_ITEM);
        bar.update(1);
        bar.update(3);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\r[") && text.endsWith("\n"), text);
        assertEquals(1, text.chars().filter(c -> c == '\n').count());
    }

    @Test
    void streamsOtherThanStandardOutputAreNotInteractive() {
        assertFalse(Terminal.isInteractive(new PrintStream(new ByteArrayOutputStream())));
    }
}
