package io.adaptseg.train.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.metrics.ConfusionMatrix;
import io.adaptseg.core.metrics.InvalidLabelException;
import io.adaptseg.core.metrics.SegmentationMetrics;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.core.scoring.Protocol;
import io.adaptseg.train.data.DecodedSample;
import io.adaptseg.train.data.ImageOps;
import io.adaptseg.train.data.SampleDecoder;
import io.adaptseg.train.loop.Validation;
import io.adaptseg.train.loop.ValidationResult;
import io.adaptseg.train.method.AdaptationMethod;
import java.util.List;

/**
 * Scores a method on a labelled set as the reference {@code evaluate_cityscapes.py} +
 * {@code compute_iou.py} do: each image is resized to the network input size ({@code image-resize}; the
 * references use PIL), the argmax of the method's evaluation scores at the <em>label's</em> size
 * ({@link AdaptationMethod#evaluationScores}: its logits upsampled in the model's convention) is
 * counted against the labels in one confusion matrix over the whole set, and the protocol's metrics
 * (mIoU as a nan-mean, FWIoU, PA) are computed from it. Labels must already be indices of the
 * protocol's matrix label set (255 = ignore), which is what the training decoders produce.
 */
public final class SegmentationValidation<S> implements Validation {
    private final List<S> samples;
    private final SampleDecoder<S> decoder;
    private final int inputWidth;
    private final int inputHeight;
    private final Normalization normalization;
    private final Protocol protocol;
    private final ImageResize resize;
    private SegmentationMetrics lastMetrics;

    /**
     * @param samples the labelled set (for example the first {@code val-max-images} of Cityscapes val)
     * @param inputWidth network input width the images are resized to
     * @param resize how the images are resized
     */
    public SegmentationValidation(List<S> samples, SampleDecoder<S> decoder, int inputWidth, int inputHeight,
            Normalization normalization, Protocol protocol, ImageResize resize) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("validation set is empty");
        }
        this.samples = List.copyOf(samples);
        this.decoder = decoder;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.normalization = normalization;
        this.protocol = protocol;
        this.resize = resize;
    }

    /** The same with images resized bilinearly (half-pixel), as the edge runtime does. */
    public SegmentationValidation(List<S> samples, SampleDecoder<S> decoder, int inputWidth, int inputHeight,
            Normalization normalization, Protocol protocol) {
        this(samples, decoder, inputWidth, inputHeight, normalization, protocol, ImageResize.BILINEAR);
    }

    @Override
    public ValidationResult run(AdaptationMethod method) throws AdaptsegException {
        ConfusionMatrix matrix = new ConfusionMatrix(protocol.matrixSet().size());
        float[] chw = new float[3 * inputWidth * inputHeight];
        // the images go to the device the networks live on
        try (NDManager manager = NDManager.newBaseManager(method.device(), "PyTorch")) {
            for (S sample : samples) {
                DecodedSample d = decoder.decode(sample);
                LabelImage gt = d.labels().orElseThrow(
                        () -> new AdaptsegException("validation sample " + d.id() + " has no label file"));
                RgbImage image = ImageOps.resize(d.image(), inputWidth, inputHeight, resize);
                normalization.toChw(image.rgb(), inputWidth * inputHeight, chw, 0);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.create(chw, new Shape(1, 3, inputHeight, inputWidth));
                    NDArray logits = method.evaluationLogits(x);
                    if (logits.getShape().get(2) > gt.height() || logits.getShape().get(3) > gt.width()) {
                        throw new AdaptsegException("validation sample " + d.id() + ": labels " + gt.sizeString()
                                + " are smaller than the logits " + logits.getShape() + " (raise the label size or lower"
                                + " input-size-target)");
                    }
                    // the model's convention: the references' evaluate scripts use align_corners=True
                    // (AdaptSegNet evaluate_cityscapes.py: nn.Upsample(size=(1024, 2048), align_corners=True))
                    NDArray up = method.evaluationScores(x, logits, gt.height(), gt.width());
                    int[] pred = up.argMax(1).toType(DataType.INT32, false).toIntArray();
                    try {
                        matrix.add(gt.values(), pred);
                    } catch (InvalidLabelException e) {
                        throw new AdaptsegException("validation sample " + d.id() + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        SegmentationMetrics m = SegmentationMetrics.of(matrix, protocol.reportedClasses());
        lastMetrics = m;
        return new ValidationResult(m.meanIou(), m.frequencyWeightedIou(), m.pixelAccuracy(), samples.size());
    }

    /** Per-class metrics of the last {@link #run}, for reports; null before the first run. */
    public SegmentationMetrics lastMetrics() {
        return lastMetrics;
    }

    /** The protocol whose classes are reported. */
    public Protocol protocol() {
        return protocol;
    }
}
