package io.adaptseg.train.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every key a training config may hold, with its default (null = required). Names follow the
 * AdaptSegNet/CLAN scripts' options; sizes are "W,H" as there.
 */
final class ConfigKeys {
    static final Map<String, Object> DEFAULTS;

    static {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("model", null);
        d.put("method", "advnet");
        d.put("gan", "vanilla");
        d.put("label-set", "cityscapes19");
        d.put("source-dataset", "gta5");
        d.put("data-dir", null);
        d.put("data-list", "");
        d.put("target-dataset", "cityscapes");
        d.put("data-dir-target", "");
        d.put("data-list-target", "");
        d.put("target-split", "train");
        d.put("input-size", "1280,720");
        d.put("input-size-target", "1024,512");
        d.put("random-mirror", false);
        d.put("random-scale", false);
        d.put("scale-min", 0.5);
        d.put("scale-max", 1.5);
        d.put("gaussian-blur", false);
        d.put("batch-size", 1);
        d.put("num-workers", 2);
        d.put("prefetch", 2);
        d.put("snapshot-dir", "./snapshots");
        d.put("restore-from", "");
        d.put("restore-names", "auto");
        d.put("lambda-seg", 0.1);
        d.put("lambda-adv-target1", 0.0002);
        d.put("lambda-adv-target2", 0.001);
        d.put("learning-rate", 2.5e-4);
        d.put("learning-rate-D", 1e-4);
        d.put("head-lr-multiplier", 10.0);
        d.put("power", 0.9);
        d.put("momentum", 0.9);
        d.put("weight-decay", 5e-4);
        d.put("beta1", 0.9);
        d.put("beta2", 0.99);
        d.put("discriminator-width", 64);
        d.put("warmup-steps", 0);
        // CLAN (warmup-steps is also its preheat: plain BCE until then)
        d.put("lambda-adv", 0.001);
        d.put("lambda-weight", 0.01);
        d.put("lambda-local", 40.0);
        d.put("epsilon", 0.4);
        d.put("focal-gamma", 2.0);
        // MaxSquare
        d.put("target-loss", "maxsquare");
        d.put("iw-alpha", 0.2);
        d.put("multi", false);
        d.put("threshold", 0.95);
        d.put("lambda-target", 0.1);
        d.put("target-solo-from", -1);
        d.put("eval-flip", false);
        // CAG
        d.put("anchors", "");
        d.put("predictor-from", "");
        d.put("delta-d", 2.5);
        d.put("anchor-weight", 0.7);
        d.put("anchor-min-pixels", 10);
        d.put("num-steps", 250000);
        d.put("num-steps-stop", 150000);
        d.put("save-pred-every", 5000);
        d.put("random-seed", 1234);
        d.put("log-every", 10);
        d.put("val-every", 0);
        d.put("val-split", "val");
        d.put("val-data-dir", "");
        d.put("val-max-images", 0);
        d.put("val-list", "");
        d.put("val-protocol", "");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    private ConfigKeys() {
    }
}
