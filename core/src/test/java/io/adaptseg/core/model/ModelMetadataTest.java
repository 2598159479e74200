package io.adaptseg.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ModelMetadataTest {
    private static ModelMetadata sample(Convention upsampling, OptionalDouble miou) {
        return sample(upsampling, ImageResize.BICUBIC, miou);
    }

    private static ModelMetadata sample(Convention upsampling, ImageResize resize, OptionalDouble miou) {
        return new ModelMetadata(new ModelContract(LabelSet.SYNTHIA16, Normalization.DEEPLAB_V2_CAFFE, 512, 1024, 8,
                upsampling, resize), new ModelOrigin("deeplabv2-r101-multi", "advnet", "synthia", "cityscapes", 120000, miou,
                "{\"a\":1}"));
    }

    @Test
    void writesAndReadsBackTheSameContract() throws Exception {
        for (ModelMetadata m : new ModelMetadata[] {sample(Convention.ALIGN_CORNERS, OptionalDouble.of(43.21)),
                sample(Convention.HALF_PIXEL, OptionalDouble.empty())}) {
            Map<String, String> p = m.toProperties();
            assertEquals("1", p.get(MetadataKeys.FORMAT_VERSION));
            assertEquals("512x1024", p.get(MetadataKeys.INPUT_SIZE));
            ModelMetadata back = ModelMetadata.fromProperties("m.onnx", p);
            assertEquals(m.labelSet(), back.labelSet());
            assertEquals(m.normalization(), back.normalization());
            assertEquals(m.logitsUpsampling(), back.logitsUpsampling());
            assertEquals(m.inputResize(), back.inputResize());
            assertEquals(m.toProperties(), back.toProperties());
            assertEquals(16, back.classes());
        }
    }

    /**
     * The keys and values a model written before the metadata was split into contract, origin and checks
     * carried (captured from that code): they still read, into the right parts, and write back unchanged,
     * in the same order.
     */
    @Test
    void aModelWrittenBeforeTheSplitReadsAndWritesBackTheSameKeys() throws Exception {
        java.util.List<Map.Entry<String, String>> written = java.util.List.of(
            Map.entry("adaptseg.format_version", "1"),
            Map.entry("adaptseg.label_set", "synthia16"),
            Map.entry("adaptseg.class_names", "road,sidewalk,building,wall,fence,pole,traffic light,traffic sign,vegetation,sky,person,rider,car,bus,motorcycle,bicycle"),
            Map.entry("adaptseg.color_order", "bgr"),
            Map.entry("adaptseg.mean", "104.00698793,116.66876762,122.67891434"),
            Map.entry("adaptseg.std", "1.0,1.0,1.0"),
            Map.entry("adaptseg.scale", "1.0"),
            Map.entry("adaptseg.input_size", "512x1024"),
            Map.entry("adaptseg.output_stride", "8"),
            Map.entry("adaptseg.logits_upsampling", "align_corners"),
            Map.entry("adaptseg.input_resize", "bicubic"),
            Map.entry("adaptseg.architecture", "deeplabv2-r101-multi"),
            Map.entry("adaptseg.method", "advnet"),
            Map.entry("adaptseg.source_dataset", "synthia"),
            Map.entry("adaptseg.target_dataset", "cityscapes"),
            Map.entry("adaptseg.iteration", "120000"),
            Map.entry("adaptseg.val_miou", "43.21"),
            Map.entry("adaptseg.provenance", "{\"a\":1}"),
            Map.entry("adaptseg.parity.precision", "int8"),
            Map.entry("adaptseg.parity.agreement", "0.985"),
            Map.entry("adaptseg.parity.max_abs_dlogit", "1.7"),
            Map.entry("adaptseg.parity.min_agreement", "0.97"),
            Map.entry("adaptseg.parity.checked_on", "4 images 512x1024"),
            Map.entry("adaptseg.fp16_range", "images=8 tensors=57 max_abs=71234.5 at=layer4_conv3 above=2 within_2x=3"),
            Map.entry("adaptseg.int8", "method=percentile percentile=99.99 images=8 activations=uint8 int8_convs=104 float_convs=4"));
        Map<String, String> p = new java.util.LinkedHashMap<>();
        written.forEach(e -> p.put(e.getKey(), e.getValue()));
        ModelMetadata back = ModelMetadata.fromProperties("old.onnx", p);
        assertEquals(new java.util.ArrayList<>(p.entrySet()), new java.util.ArrayList<>(back.toProperties().entrySet()));
        assertEquals(new ModelContract(LabelSet.SYNTHIA16, Normalization.DEEPLAB_V2_CAFFE, 512, 1024, 8,
                Convention.ALIGN_CORNERS, ImageResize.BICUBIC), back.contract());
        assertEquals(new ModelOrigin("deeplabv2-r101-multi", "advnet", "synthia", "cityscapes", 120000,
                OptionalDouble.of(43.21), "{\"a\":1}"), back.origin());
        assertEquals(new ModelChecks(java.util.Optional.of(new ParityFigures("int8", 0.985, 1.7, 0.97, "4 images 512x1024")),
                java.util.Optional.of(new Float16Range(8, 57, 71234.5, "layer4_conv3", 2, 3)),
                java.util.Optional.of(new Int8Calibration("percentile", 8, 99.99, "uint8", 104, 4))), back.checks());
        assertEquals(sample(Convention.ALIGN_CORNERS, OptionalDouble.of(43.21))
                .withFloat16Range(back.checks().float16Range().orElseThrow())
                .withInt8(back.checks().int8().orElseThrow())
                .withParity(back.checks().parity().orElseThrow()), back);
    }

    @Test
    void parityFiguresAreOptionalAndRoundTrip() throws Exception {
        ModelMetadata plain = sample(Convention.HALF_PIXEL, OptionalDouble.empty());
        assertTrue(ModelMetadata.fromProperties("m.onnx", plain.toProperties()).checks().parity().isEmpty());
        ParityFigures figures = new ParityFigures("float16", 0.99871, 0.0421, 0.995, "random 1x3x512x1024");
        Map<String, String> p = plain.withParity(figures).toProperties();
        assertEquals("0.99871", p.get(MetadataKeys.PARITY_AGREEMENT));
        assertEquals(figures, ModelMetadata.fromProperties("m.onnx", p).checks().parity().orElseThrow());
        assertEquals("float16: agreement 99.8710 % (threshold 99.5 %), max |dlogit| 0.0421 on random 1x3x512x1024",
                figures.toString());
        p.put(MetadataKeys.PARITY_AGREEMENT, "1.5");
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> ModelMetadata.fromProperties("m.onnx", p));
        assertTrue(e.getMessage().startsWith("m.onnx: parity figures"), e.getMessage());
    }

    @Test
    void float16RangeIsOptionalSurvivesParityAndRoundTrips() throws Exception {
        ModelMetadata plain = sample(Convention.HALF_PIXEL, OptionalDouble.empty());
        assertTrue(ModelMetadata.fromProperties("m.onnx", plain.toProperties()).checks().float16Range().isEmpty());
        Float16Range range = new Float16Range(8, 57, 71234.5, "layer4_conv3", 2, 3);
        ParityFigures figures = new ParityFigures("float32", 1, 1e-5, 0.9999, "random 1x3x64x96");
        Map<String, String> p = plain.withFloat16Range(range).withParity(figures).toProperties();
        assertEquals("images=8 tensors=57 max_abs=71234.5 at=layer4_conv3 above=2 within_2x=3",
                p.get(MetadataKeys.FP16_RANGE));
        ModelMetadata back = ModelMetadata.fromProperties("m.onnx", p);
        assertEquals(range, back.checks().float16Range().orElseThrow());
        assertEquals(figures, back.checks().parity().orElseThrow());
        assertTrue(!range.fits() && range.toString().contains("2 tensor(s) exceed 65504"), range.toString());
        p.put(MetadataKeys.FP16_RANGE, "images=8 tensors=57 max_abs=12 at=x above=0");
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> ModelMetadata.fromProperties("m.onnx", p));
        assertEquals("m.onnx: adaptseg.fp16_range in the metadata: no within_2x= in"
                + " 'images=8 tensors=57 max_abs=12 at=x above=0'", e.getMessage());
    }

    @Test
    void int8CalibrationIsOptionalSurvivesTheOtherRecordsAndRoundTrips() throws Exception {
        ModelMetadata plain = sample(Convention.HALF_PIXEL, OptionalDouble.empty());
        assertTrue(ModelMetadata.fromProperties("m.onnx", plain.toProperties()).checks().int8().isEmpty());
        Int8Calibration percentile = new Int8Calibration("percentile", 8, 99.99, "uint8", 104, 4);
        Int8Calibration entropy = new Int8Calibration("entropy", 3, Double.NaN, "int8", 7, 0);
        ParityFigures figures = new ParityFigures("int8", 0.985, 1.7, 0.97, "random 1x3x64x96");
        for (Int8Calibration c : new Int8Calibration[] {percentile, entropy}) {
            Map<String, String> p = plain.withInt8(c).withParity(figures).toProperties();
            ModelMetadata back = ModelMetadata.fromProperties("m.onnx", p);
            assertEquals(c, back.checks().int8().orElseThrow());
            assertEquals(figures, back.checks().parity().orElseThrow());
        }
        assertEquals("method=percentile percentile=99.99 images=8 activations=uint8 int8_convs=104 float_convs=4",
                percentile.toProperty());
        assertEquals("method=entropy images=3 activations=int8 int8_convs=7 float_convs=0", entropy.toProperty());
        Map<String, String> p = plain.withInt8(entropy).toProperties();
        p.put(MetadataKeys.INT8, "method=kl images=3 activations=int8 int8_convs=7 float_convs=0");
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> ModelMetadata.fromProperties("m.onnx", p));
        assertEquals("m.onnx: adaptseg.int8 in the metadata: int8 calibration method must be one of minmax, entropy,"
                + " percentile, found 'kl'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Int8Calibration("entropy", 3, 99.9, "uint8", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Int8Calibration("percentile", 3, Double.NaN, "uint8", 1, 0));
    }

    @Test
    void modelsWrittenBeforeTheUpsamplingKeyReadAsHalfPixel() throws Exception {
        Map<String, String> p = new LinkedHashMap<>(sample(Convention.ALIGN_CORNERS, OptionalDouble.empty()).toProperties());
        p.remove(MetadataKeys.LOGITS_UPSAMPLING);
        assertEquals(Convention.HALF_PIXEL, ModelMetadata.fromProperties("old.onnx", p).logitsUpsampling());
    }

    @Test
    void everyInputResizeRoundTripsUnderItsConfigSpelling() throws Exception {
        for (ImageResize resize : ImageResize.values()) {
            Map<String, String> p = sample(Convention.ALIGN_CORNERS, resize, OptionalDouble.empty()).toProperties();
            assertEquals(resize.id(), p.get(MetadataKeys.INPUT_RESIZE));
            assertEquals(resize, ModelMetadata.fromProperties("m.onnx", p).inputResize());
        }
        Map<String, String> p = sample(Convention.ALIGN_CORNERS, OptionalDouble.empty()).toProperties();
        p.put(MetadataKeys.INPUT_RESIZE, " PIL-Bilinear ");
        assertEquals(ImageResize.PIL_BILINEAR, ModelMetadata.fromProperties("m.onnx", p).inputResize());
    }

    @Test
    void modelsWrittenBeforeTheInputResizeKeyReadAsBilinear() throws Exception {
        Map<String, String> p = new LinkedHashMap<>(sample(Convention.ALIGN_CORNERS, OptionalDouble.empty()).toProperties());
        assertEquals(ImageResize.BICUBIC, ModelMetadata.fromProperties("new.onnx", p).inputResize());
        p.remove(MetadataKeys.INPUT_RESIZE);
        assertEquals(ImageResize.BILINEAR, ModelMetadata.fromProperties("old.onnx", p).inputResize());
        p.put(MetadataKeys.INPUT_RESIZE, "");
        assertEquals(ImageResize.BILINEAR, ModelMetadata.fromProperties("old.onnx", p).inputResize());
    }

    @Test
    void eachBadValueIsNamedWithTheFileAndKey() {
        Map<String, String> good = sample(Convention.HALF_PIXEL, OptionalDouble.empty()).toProperties();
        Object[][] cases = {
                {MetadataKeys.INPUT_SIZE, "big", "must be HxW"},
                {MetadataKeys.INPUT_SIZE, "0x5", "must be HxW"},
                {MetadataKeys.OUTPUT_STRIDE, "x", "must be an integer"},
                {MetadataKeys.OUTPUT_STRIDE, "-8", "must be positive"},
                {MetadataKeys.VAL_MIOU, "high", MetadataKeys.VAL_MIOU + " must be a number, found 'high'"},
                {MetadataKeys.MEAN, "1,2", "needs 3 comma-separated numbers"},
                {MetadataKeys.LABEL_SET, "cityscapes19", "do not match label set"},
                {MetadataKeys.LOGITS_UPSAMPLING, "nearest", "must be one of [half_pixel, align_corners]"},
                {MetadataKeys.INPUT_RESIZE, "lanczos", MetadataKeys.INPUT_RESIZE
                        + " must be one of [bilinear, bicubic, pil-bilinear], found 'lanczos'"},
                {MetadataKeys.FORMAT_VERSION, "2", "format version 2 is not supported"},
                {MetadataKeys.ARCHITECTURE, "", "is missing"},
        };
        for (Object[] c : cases) {
            Map<String, String> p = new LinkedHashMap<>(good);
            p.put((String) c[0], (String) c[1]);
            AdaptsegException e = assertThrows(AdaptsegException.class, () -> ModelMetadata.fromProperties("m.onnx", p),
                    c[0] + "=" + c[1]);
            assertTrue(e.getMessage().startsWith("m.onnx: ") && e.getMessage().contains((String) c[2]), e.getMessage());
        }
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> ModelMetadata.fromProperties("raw.onnx", Map.of()));
        assertTrue(e.getMessage().contains("not an adaptseg model"), e.getMessage());
    }
}
