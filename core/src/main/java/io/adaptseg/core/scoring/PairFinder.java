package io.adaptseg.core.scoring;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.FileTrees;
import io.adaptseg.core.dataset.LabelDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pairs prediction files with ground-truth files, recursing into sub-folders (city folders).
 *
 * <p>A file named {@code <city>_<seq>_<frame>_<suffix>.png} is keyed by {@code <city>_<seq>_<frame>};
 * which suffixes count depends on the side and the format, tried in tiers: the first tier with any
 * file in the folder is used and files with other suffixes ({@code _color}, {@code _instanceIds},
 * overlays) are left out and counted in a note. Other names are keyed by their stem (plain
 * same-name matching, e.g. GTA5's {@code 00001.png}) and used only when the folder has no
 * Cityscapes-named file. Two files with one key on one side, a ground truth without a prediction
 * and an empty folder are errors; predictions without ground truth are only noted.
 */
public final class PairFinder {
    private static final Pattern CITYSCAPES = Pattern.compile("(.+?_\\d{6}_\\d{6})(_[^.]*)?\\.png");

    private PairFinder() {
    }

    /** Suffix tiers of ground-truth files. */
    static List<List<String>> gtTiers(LabelDecoder format) {
        return switch (format) {
            case LABEL_IDS -> List.of(List.of("_gtFine_labelIds"), List.of("_labelIds"), List.of("", "_leftImg8bit"));
            case TRAIN_IDS -> List.of(List.of("_gtFine_labelTrainIds", "_gtFine_trainIds"),
                    List.of("_labelTrainIds", "_trainIds"), List.of("", "_leftImg8bit"));
            // SYNTHIA's GT/LABELS files are plain-named (0000000.png); the tiers only sort Cityscapes names
            case SYNTHIA -> List.of(List.of("", "_leftImg8bit"));
        };
    }

    /** Suffix tiers of prediction files. */
    static List<List<String>> predTiers(LabelDecoder format) {
        return switch (format) {
            case LABEL_IDS -> List.of(List.of("_labelIds", "_gtFine_labelIds"), List.of("", "_leftImg8bit"));
            case TRAIN_IDS -> List.of(List.of("_trainIds", "_labelTrainIds", "_gtFine_labelTrainIds"),
                    List.of("", "_leftImg8bit"));
            case SYNTHIA -> List.of(List.of("", "_leftImg8bit"));
        };
    }

    /**
     * Finds the pairs, sorted by key.
     *
     * @param notes receives one line per thing worth telling (files left out, unmatched predictions)
     * @throws AdaptsegException for a missing or empty folder, duplicate files, or ground truth
     *     without a prediction; the message names the files
     */
    public static List<ScorePair> find(Path gtDir, LabelDecoder gtFormat, Path predDir, LabelDecoder predFormat,
            Consumer<String> notes) throws AdaptsegException {
        Map<String, Path> gt = index(gtDir, "ground-truth", gtTiers(gtFormat), notes);
        Map<String, Path> pred = index(predDir, "prediction", predTiers(predFormat), notes);
        List<ScorePair> pairs = new ArrayList<>(gt.size());
        List<Path> missing = new ArrayList<>();
        for (Map.Entry<String, Path> e : gt.entrySet()) {
            Path p = pred.remove(e.getKey());
            if (p == null) {
                missing.add(e.getValue());
            } else {
                pairs.add(new ScorePair(e.getKey(), e.getValue(), p));
            }
        }
        if (!missing.isEmpty()) {
            throw new AdaptsegException("no prediction in " + predDir + " for " + missing.size() + " of "
                    + gt.size() + " ground-truth files, e.g. " + missing.getFirst() + " (expected "
                    + keyOf(missing.getFirst()) + expectedSuffix(predFormat) + ".png)");
        }
        if (!pred.isEmpty()) {
            notes.accept(pred.size() + " predictions have no ground truth and are not scored, e.g. "
                    + pred.values().iterator().next());
        }
        return pairs;
    }

    private static String expectedSuffix(LabelDecoder format) {
        return format == LabelDecoder.LABEL_IDS ? "_labelIds" : "_leftImg8bit";
    }

    private static String keyOf(Path file) {
        String name = file.getFileName().toString();
        Matcher m = CITYSCAPES.matcher(name);
        return m.matches() ? m.group(1) : stem(name);
    }

    private static String stem(String name) {
        return name.substring(0, name.length() - ".png".length());
    }

    private static Map<String, Path> index(Path dir, String side, List<List<String>> tiers, Consumer<String> notes)
            throws AdaptsegException {
        if (!Files.isDirectory(dir)) {
            throw new AdaptsegException(side + " folder " + dir + " does not exist or is not a folder");
        }
        List<Path> pngs = listPngs(dir);
        if (pngs.isEmpty()) {
            throw new AdaptsegException(side + " folder " + dir + " has no PNG files");
        }
        Map<String, List<Path>> bySuffix = new LinkedHashMap<>();
        List<Path> plain = new ArrayList<>();
        for (Path p : pngs) {
            Matcher m = CITYSCAPES.matcher(p.getFileName().toString());
            if (m.matches()) {
                bySuffix.computeIfAbsent(m.group(2) == null ? "" : m.group(2), s -> new ArrayList<>()).add(p);
            } else {
                plain.add(p);
            }
        }
        List<Path> chosen = new ArrayList<>();
        if (bySuffix.isEmpty()) {
            chosen.addAll(plain);
        } else {
            List<String> tier = tiers.stream().filter(t -> t.stream().anyMatch(bySuffix::containsKey))
                    .findFirst().orElseThrow(() -> new AdaptsegException(side + " folder " + dir
                            + " has Cityscapes-named PNGs but none ending in " + tiers.stream().flatMap(List::stream)
                                    .map(s -> s + ".png").toList() + " (wrong format option?)"));
            int left = plain.size();
            for (Map.Entry<String, List<Path>> e : bySuffix.entrySet()) {
                if (tier.contains(e.getKey())) {
                    chosen.addAll(e.getValue());
                } else {
                    left += e.getValue().size();
                }
            }
            if (left > 0) {
                notes.accept("left out " + left + " " + side + " files that do not end in "
                        + tier.stream().map(s -> s + ".png").toList() + " in " + dir);
            }
        }
        Map<String, Path> byKey = new TreeMap<>();
        for (Path p : chosen) {
            Path previous = byKey.put(keyOf(p), p);
            if (previous != null) {
                throw new AdaptsegException("two " + side + " files for " + keyOf(p) + ": " + previous + " and " + p);
            }
        }
        return byKey;
    }

    private static List<Path> listPngs(Path dir) throws AdaptsegException {
        FileTrees.Listing listing;
        try {
            // a link given as the folder is resolved; links below it are not followed into folders
            listing = FileTrees.listFiles(dir, name -> name.endsWith(".png"));
        } catch (IOException | UncheckedIOException e) {
            throw new AdaptsegException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (!listing.unreadable().isEmpty()) {
            // a score over part of the files would be a different score: stop and name the folder
            FileTrees.Unreadable u = listing.unreadable().getFirst();
            throw new AdaptsegException("cannot list " + u.path() + ": " + u.reason());
        }
        return listing.files();
    }
}
