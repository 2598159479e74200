package io.adaptseg.train.model;

import io.adaptseg.train.model.blocks.DeepLabV2Net;
import java.util.List;
import java.util.Locale;

/**
 * The DeepLab-v2 classifier layouts of the methods. Heads are listed in output order; module names are
 * the reference state-dict names; {@link #evaluationHeads()} are summed for evaluation and export.
 */
public enum HeadLayout {
    /** One ASPP head on layer4 (single-level AdvNet). */
    SINGLE(List.of(new DeepLabV2Net.Head("main", "layer5", 4)), List.of("main")),
    /** Auxiliary head on layer3 and main head on layer4 (multi-level AdvNet, MaxSquare, source only). */
    MULTI(List.of(new DeepLabV2Net.Head("aux", "layer5", 3), new DeepLabV2Net.Head("main", "layer6", 4)),
            List.of("main")),
    /** Two heads on layer4 whose logits are summed for evaluation (CLAN). */
    CLAN(List.of(new DeepLabV2Net.Head("c1", "layer5", 4), new DeepLabV2Net.Head("c2", "layer6", 4)),
            List.of("c1", "c2"));

    private final List<DeepLabV2Net.Head> heads;
    private final List<String> evaluationHeads;

    HeadLayout(List<DeepLabV2Net.Head> heads, List<String> evaluationHeads) {
        this.heads = heads;
        this.evaluationHeads = evaluationHeads;
    }

    public List<DeepLabV2Net.Head> heads() {
        return heads;
    }

    public List<String> evaluationHeads() {
        return evaluationHeads;
    }

    /** Lower-case name as used in architecture names ({@code multi}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
