package io.adaptseg.train.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.resample.Convention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A resolved, validated training config: the YAML file, then {@code --set key=value} overrides, over
 * the defaults ({@code defaults.yaml} beside this class), bound once into one settings record per
 * concern and per method. The YAML keys are the reference scripts' option names; every record names
 * its keys. Derived configs are {@code with…} copies; {@link #origin} says where the values came from,
 * for messages.
 */
public record TrainConfig(
        String origin,
        RunSettings run,
        NetworkSettings network,
        DataSettings data,
        AugmentationSettings augmentation,
        ScheduleSettings schedule,
        SegmenterSettings segmenter,
        DiscriminatorSettings discriminator,
        AdvNetConfig advnet,
        ClanConfig clan,
        MaxSquareConfig maxSquare,
        PseudoLabelSettings pseudoLabels,
        CagConfig cag,
        ValidationSettings validation,
        DivergenceSettings divergence,
        AdainConfig adain) {
    private static final String LOGITS_UPSAMPLING = "logits-upsampling";

    /** Reads {@code file} and applies {@code overrides} ("key=value", value parsed as YAML). */
    public static TrainConfig read(Path file, List<String> overrides) throws AdaptsegException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot read config (" + e.getMessage() + ")", e);
        }
        return parse(text, file.toString(), overrides);
    }

    /**
     * Reads a checkpoint's saved {@code config.yaml}. A checkpoint written before {@code logits-upsampling}
     * existed was trained with half-pixel upsampling, so a saved config without the key gets
     * {@code half_pixel}, not today's default: resuming or exporting it keeps its forward.
     */
    public static TrainConfig readSaved(Path file, List<String> overrides) throws AdaptsegException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot read config (" + e.getMessage() + ")", e);
        }
        ObjectNode given = ConfigReader.parse(text, file.toString());
        if (!given.has(LOGITS_UPSAMPLING)) {
            given.put(LOGITS_UPSAMPLING, Convention.HALF_PIXEL.onnxName());
        }
        return ConfigReader.bind(file.toString(), given, overrides);
    }

    /** Builds a config from YAML text (a checkpoint's config.yaml) plus overrides. */
    public static TrainConfig parse(String yaml, String origin, List<String> overrides) throws AdaptsegException {
        return ConfigReader.bind(origin, ConfigReader.parse(yaml, origin), overrides);
    }

    /** The defaults with the two required keys, {@code model} and {@code data-dir}, for configs built in code. */
    public static TrainConfig defaults(String origin, String model, Path dataDir) throws AdaptsegException {
        ObjectNode required = ConfigMapper.YAML.createObjectNode().put("model", model).put("data-dir", dataDir.toString());
        return ConfigReader.bind(origin, required, List.of());
    }

    /** Every key a config may hold, in the order of {@link #toYaml}. */
    public static List<String> keys() {
        return ConfigReader.KEYS;
    }

    /** The resolved config as YAML (written into checkpoints and read back on resume). */
    public String toYaml() {
        return ConfigReader.toYaml(this);
    }

    public TrainConfig withOrigin(String o) {
        return new TrainConfig(o, run, network, data, augmentation, schedule, segmenter, discriminator, advnet, clan,
                maxSquare, pseudoLabels, cag, validation, divergence, adain);
    }

    public TrainConfig withRun(UnaryOperator<RunSettings> f) {
        return new TrainConfig(origin, f.apply(run), network, data, augmentation, schedule, segmenter, discriminator,
                advnet, clan, maxSquare, pseudoLabels, cag, validation, divergence, adain);
    }

    public TrainConfig withNetwork(UnaryOperator<NetworkSettings> f) {
        return new TrainConfig(origin, run, f.apply(network), data, augmentation, schedule, segmenter, discriminator,
                advnet, clan, maxSquare, pseudoLabels, cag, validation, divergence, adain);
    }

    public TrainConfig withData(UnaryOperator<DataSettings> f) {
        return new TrainConfig(origin, run, network, f.apply(data), augmentation, schedule, segmenter, discriminator,
                advnet, clan, maxSquare, pseudoLabels, cag, validation, divergence, adain);
    }

    public TrainConfig withAugmentation(UnaryOperator<AugmentationSettings> f) {
        return new TrainConfig(origin, run, network, data, f.apply(augmentation), schedule, segmenter, discriminator,
                advnet, clan, maxSquare, pseudoLabels, cag, validation, divergence, adain);
    }

    public TrainConfig withSchedule(UnaryOperator<ScheduleSettings> f) {
        return new TrainConfig(origin, run, network, data, augmentation, f.apply(schedule), segmenter, discriminator,
                advnet, clan, maxSquare, pseudoLabels, cag, validation, divergence, adain);
    }

    public TrainConfig withSegmenter(UnaryOperator<SegmenterSettings> f) {
        return new TrainConfig(origin, run, network, data, augmentation, schedule, f.apply(segmenter), discriminator,
                advnet, clan, maxSquare, pseudoLabels, cag, validation, divergence, adain);
    }

    public TrainConfig withDiscriminator(UnaryOperator<DiscriminatorSettings> f) {
        return new TrainConfig(origin, run, network, data, augmentation, schedule, segmenter, f.apply(discriminator),
                advnet, clan, maxSquare, pseudoLabels, cag, validation, divergence, adain);
    }

    public TrainConfig withMaxSquare(UnaryOperator<MaxSquareConfig> f) {
        return new TrainConfig(origin, run, network, data, augmentation, schedule, segmenter, discriminator, advnet,
                clan, f.apply(maxSquare), pseudoLabels, cag, validation, divergence, adain);
    }

    public TrainConfig withCag(UnaryOperator<CagConfig> f) {
        return new TrainConfig(origin, run, network, data, augmentation, schedule, segmenter, discriminator, advnet,
                clan, maxSquare, pseudoLabels, f.apply(cag), validation, divergence, adain);
    }

    public TrainConfig withValidation(UnaryOperator<ValidationSettings> f) {
        return new TrainConfig(origin, run, network, data, augmentation, schedule, segmenter, discriminator, advnet,
                clan, maxSquare, pseudoLabels, cag, f.apply(validation), divergence, adain);
    }

    public TrainConfig withAdain(UnaryOperator<AdainConfig> f) {
        return new TrainConfig(origin, run, network, data, augmentation, schedule, segmenter, discriminator, advnet,
                clan, maxSquare, pseudoLabels, cag, validation, divergence, f.apply(adain));
    }

    public TrainConfig withDivergence(UnaryOperator<DivergenceSettings> f) {
        return new TrainConfig(origin, run, network, data, augmentation, schedule, segmenter, discriminator, advnet,
                clan, maxSquare, pseudoLabels, cag, validation, f.apply(divergence), adain);
    }
}
