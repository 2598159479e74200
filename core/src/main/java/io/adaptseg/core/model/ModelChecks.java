package io.adaptseg.core.model;

import java.util.Optional;

/**
 * What the export checked and did to a model, each empty when it did not happen.
 *
 * @param parity what the export's parity check measured; empty when it was skipped
 * @param float16Range what the export's float16 range check measured; empty when none ran
 * @param int8 how the model was quantised to int8; empty for a float model
 */
public record ModelChecks(Optional<ParityFigures> parity, Optional<Float16Range> float16Range,
                          Optional<Int8Calibration> int8) {
    /** Nothing checked yet: a contract before the export's checks run. */
    public static final ModelChecks NONE = new ModelChecks(Optional.empty(), Optional.empty(), Optional.empty());

    public ModelChecks {
        parity = parity == null ? Optional.empty() : parity;
        float16Range = float16Range == null ? Optional.empty() : float16Range;
        int8 = int8 == null ? Optional.empty() : int8;
    }

    public ModelChecks withParity(ParityFigures figures) {
        return new ModelChecks(Optional.of(figures), float16Range, int8);
    }

    public ModelChecks withFloat16Range(Float16Range range) {
        return new ModelChecks(parity, Optional.of(range), int8);
    }

    public ModelChecks withInt8(Int8Calibration calibration) {
        return new ModelChecks(parity, float16Range, Optional.of(calibration));
    }
}
