package io.adaptseg.export;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.model.Segmenter;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a segmenter's heads are summed into the exported logits. One place decides it for the
 * exporter and for parity's DJL side, so both always compare the same quantity.
 */
public final class HeadSelection {
    private HeadSelection() {
    }

    /**
     * The heads named by an {@link ExportOptions#head()} value.
     *
     * @throws AdaptsegException naming the value and the allowed ones when it is not a head of this network
     */
    public static List<String> heads(Segmenter segmenter, String head) throws AdaptsegException {
        if (head.equals(ExportOptions.EVALUATION_HEADS)) {
            return segmenter.evaluationHeads();
        }
        if (head.equals(ExportOptions.ALL_HEADS)) {
            return segmenter.heads();
        }
        if (segmenter.heads().contains(head)) {
            return List.of(head);
        }
        List<String> allowed = new ArrayList<>(List.of(ExportOptions.EVALUATION_HEADS, ExportOptions.ALL_HEADS));
        allowed.addAll(segmenter.heads());
        throw new AdaptsegException("--head " + head + " is not a head of " + segmenter.architecture()
                + "; expected one of " + allowed);
    }
}
