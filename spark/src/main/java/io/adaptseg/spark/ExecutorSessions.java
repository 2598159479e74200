package io.adaptseg.spark;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.SegmentationSession;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkFiles;

/**
 * The executor JVM's model sessions: one {@link SegmentationSession} per model file and runtime
 * options, opened by the first task that needs it and shared by every later task and every task
 * slot of the JVM (the backend serialises model runs itself); closed when the JVM exits. Opening an
 * ONNX Runtime session costs far more than a small partition, so it must not happen per task.
 */
final class ExecutorSessions {
    private static final Map<String, SegmentationSession> OPEN = new LinkedHashMap<>();
    private static int opened;
    private static boolean hooked;

    private ExecutorSessions() {
    }

    /** The session of {@code spec}'s model, opened from the executor's {@code SparkFiles} copy. */
    static synchronized SegmentationSession get(ExecutorSpec spec) throws AdaptsegException {
        Path model = Path.of(SparkFiles.get(spec.modelName()));
        String key = model + "|" + spec.backend() + "|" + spec.providers() + "|" + spec.fallback() + "|" + spec.threads()
                + "|" + spec.ortLibrary();
        SegmentationSession session = OPEN.get(key);
        if (session == null) {
            session = SegmentationSession.open(model, spec.backendKind(), spec.backendOptions());
            OPEN.put(key, session);
            opened++;
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(ExecutorSessions::closeAll, "adaptseg-sessions-close"));
                hooked = true;
            }
        }
        return session;
    }

    /** Sessions opened in this JVM so far (the tests check that a job opens one, not one per task). */
    static synchronized int opened() {
        return opened;
    }

    private static synchronized void closeAll() {
        OPEN.values().forEach(SegmentationSession::close);
        OPEN.clear();
    }
}
