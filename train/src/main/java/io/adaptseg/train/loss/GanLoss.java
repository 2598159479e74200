package io.adaptseg.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.adaptseg.train.nd.Scalars;
import java.util.Locale;

/**
 * The discriminator loss against a constant domain label (source 0, target 1 in the references):
 * vanilla GAN = BCE with logits ({@code BCEWithLogitsLoss}), LS-GAN = mean squared error of the raw
 * output ({@code MSELoss}). Both average over every output element.
 */
public enum GanLoss {
    /** {@code mean(max(x,0) - x*t + log(1 + exp(-|x|)))}, the numerically stable BCE with logits. */
    VANILLA {
        @Override
        public NDArray against(NDArray logits, float label) {
            NDArray softplus = Activation.softPlus(logits.abs().neg());
            return Activation.relu(logits).sub(Scalars.times(logits, label)).add(softplus).mean();
        }
    },
    /** {@code mean((x - t)^2)}. */
    LSGAN {
        @Override
        public NDArray against(NDArray logits, float label) {
            return logits.sub(label).square().mean();
        }
    };

    /** Scalar loss of the discriminator output {@code logits} against the constant {@code label}. */
    public abstract NDArray against(NDArray logits, float label);

    /** Parses the config value: "vanilla" or "lsgan" (also "ls-gan"). */
    public static GanLoss parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "vanilla", "bce" -> VANILLA;
            case "lsgan", "ls-gan" -> LSGAN;
            default -> throw new IllegalArgumentException("unknown gan '" + value + "', expected vanilla or lsgan");
        };
    }

    /** The config spelling. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
