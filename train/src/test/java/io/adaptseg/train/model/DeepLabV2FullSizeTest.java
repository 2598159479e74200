package io.adaptseg.train.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class DeepLabV2FullSizeTest {
    @Test
    void r101MultiHasTheReferenceParameterCountAndOutputSize() throws Exception {
        Segmenter s = SegmenterRegistry.create("deeplabv2-r101-multi", 19);
        try (NDManager manager = NDManager.newBaseManager()) {
            s.initialize(manager);
            assertEquals(44_601_560L, s.parameterCount());
            var shapes = s.outputShapes(new Shape(1, 3, 512, 1024));
            assertEquals(new Shape(1, 19, 65, 129), shapes.get("aux"));
            assertEquals(new Shape(1, 19, 65, 129), shapes.get("main"));

            NDList out = s.forward(new ParameterStore(manager, false), manager.randomNormal(new Shape(1, 3, 65, 129)), false);
            var small = s.outputShapes(new Shape(1, 3, 65, 129));
            assertEquals(small.get("aux"), out.get(0).getShape());
            assertEquals(small.get("main"), s.logits(out, "main").getShape());
            assertEquals(new Shape(1, 19, 9, 17), out.get(1).getShape());
        }
    }
}
