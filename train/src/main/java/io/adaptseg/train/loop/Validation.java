package io.adaptseg.train.loop;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.method.AdaptationMethod;

/** Scores the method's current evaluation logits on a held-out labelled set. */
@FunctionalInterface
public interface Validation {
    ValidationResult run(AdaptationMethod method) throws AdaptsegException;
}
