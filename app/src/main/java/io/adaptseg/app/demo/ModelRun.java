package io.adaptseg.app.demo;

import io.adaptseg.core.report.ScoreReport;
import java.nio.file.Path;
import java.util.Optional;

/** One of the demo's models as it goes through the steps; each step fills in what it produced. */
final class ModelRun {
    final String name;
    final String method;
    Optional<Path> checkpoint = Optional.empty();
    Optional<Path> onnx = Optional.empty();
    Optional<Path> curves = Optional.empty();
    Optional<String> parity = Optional.empty();
    Optional<Path> predictions = Optional.empty();
    Optional<ScoreReport> score = Optional.empty();

    ModelRun(String name, String method) {
        this.name = name;
        this.method = method;
    }
}
