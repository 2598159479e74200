package io.adaptseg.synth;

import java.util.List;

/**
 * One generated image: which dataset and split, its index there, and where its files go relative to
 * the output directory. The file names follow the real datasets exactly.
 *
 * @param dataset the dataset
 * @param split "train" or "val" for the target, "train" for the sources (they have no split)
 * @param index 0-based index within the dataset split
 */
public record SynthSample(SynthDataset dataset, String split, int index) {
    /** Synthetic city names of the target's train split (the real ones are German towns). */
    public static final List<String> TRAIN_CITIES = List.of("aldermoor", "brightwell", "colderton", "dunmere");
    /** Synthetic city names of the target's val split, disjoint from the train cities as in Cityscapes. */
    public static final List<String> VAL_CITIES = List.of("eastholm", "fairhaven");

    /** Cityscapes annotates the 20th frame of each 30-frame snippet. */
    private static final int ANNOTATED_FRAME = 19;

    /** The stream seed of this image: a function of (seed, dataset, split, index) only. */
    public long imageSeed(long seed) {
        long stream = Hash.mix(seed, dataset.ordinal() * 2L + ("val".equals(split) ? 1 : 0));
        return Hash.mix(stream, index);
    }

    /** GTA5 and SYNTHIA-like file name ({@code 00001.png}, {@code 0000000.png}); Cityscapes stem otherwise. */
    public String stem() {
        return switch (dataset) {
            case GTA5 -> String.format("%05d", index + 1); // GTA5 numbers from 00001
            case SYNTHIA -> String.format("%07d", index); // SYNTHIA-RAND-CITYSCAPES numbers from 0000000
            case CITYSCAPES -> {
                List<String> cities = "val".equals(split) ? VAL_CITIES : TRAIN_CITIES;
                String city = cities.get(index % cities.size());
                yield String.format("%s_%06d_%06d", city, index / cities.size(), ANNOTATED_FRAME);
            }
        };
    }

    /** The Cityscapes city folder of this sample. */
    public String city() {
        return stem().substring(0, stem().indexOf('_'));
    }

    /** The RGB image, relative to the dataset folder. */
    public String imagePath() {
        return switch (dataset) {
            case GTA5 -> "images/" + stem() + ".png";
            case SYNTHIA -> "RGB/" + stem() + ".png";
            case CITYSCAPES -> "leftImg8bit/" + split + "/" + city() + "/" + stem() + "_leftImg8bit.png";
        };
    }

    /** The label image (labelIds for GTA5 and Cityscapes, raw 16-bit ids for SYNTHIA), relative to the dataset folder. */
    public String labelPath() {
        return switch (dataset) {
            case GTA5 -> "labels/" + stem() + ".png";
            case SYNTHIA -> "GT/LABELS/" + stem() + ".png";
            case CITYSCAPES -> "gtFine/" + split + "/" + city() + "/" + stem() + "_gtFine_labelIds.png";
        };
    }

    /** Cityscapes' instance image {@code _gtFine_instanceIds.png} (target only). */
    public String instancePath() {
        return "gtFine/" + split + "/" + city() + "/" + stem() + "_gtFine_instanceIds.png";
    }

    /** Cityscapes' colour rendering of the labels (target only). */
    public String colourPath() {
        return "gtFine/" + split + "/" + city() + "/" + stem() + "_gtFine_color.png";
    }
}
