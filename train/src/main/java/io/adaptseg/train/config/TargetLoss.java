package io.adaptseg.train.config;

import java.util.Locale;

/** MaxSquare's target loss ({@code target-loss}): plain MaxSquare or the image-wise weighted IW-MaxSquare. */
public enum TargetLoss {
    MAXSQUARE,
    IW_MAXSQUARE;

    /** The config spelling: maxsquare, iw-maxsquare. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
