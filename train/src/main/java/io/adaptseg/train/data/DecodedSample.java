package io.adaptseg.train.data;

import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.RgbImage;
import java.util.Optional;

/** An image and, for labelled data, its trainId labels (255 = ignore), as decoded from disk. */
public record DecodedSample(String id, RgbImage image, Optional<LabelImage> labels) {
    public DecodedSample {
        labels.ifPresent(l -> {
            if (l.width() != image.width() || l.height() != image.height()) {
                throw new IllegalArgumentException(id + ": labels are " + l.sizeString() + " but the image is " + image.sizeString());
            }
        });
    }
}
