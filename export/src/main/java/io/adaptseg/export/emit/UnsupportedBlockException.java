package io.adaptseg.export.emit;

import io.adaptseg.core.AdaptsegException;

/** A block the exporter has no emitter for (or cannot express in ONNX); the message names it and where it is. */
public final class UnsupportedBlockException extends AdaptsegException {
    public UnsupportedBlockException(String message) {
        super(message);
    }
}
