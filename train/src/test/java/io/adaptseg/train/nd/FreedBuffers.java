package io.adaptseg.train.nd;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * Makes the JVM free the direct buffers nothing references any more, as a garbage collection between
 * a forward and a backward pass would during training. Freed memory is reused by the allocator at
 * once (glibc writes its free-list pointers into it), so a tensor still reading it sees garbage.
 */
public final class FreedBuffers {
    private FreedBuffers() {
    }

    /** Runs full collections until the direct-buffer count drops (the cleaner ran), at most ~1 s. */
    public static void free() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        long before = direct.getCount();
        try {
            for (int i = 0; i < 100 && direct.getCount() >= before; i++) {
                System.gc();
                Thread.sleep(10);
            }
            // the cleaner frees the whole batch it was handed; give it time to finish
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
