package io.adaptseg.runtime.nativeort;

import io.adaptseg.core.AdaptsegException;

/** A non-null {@code OrtStatus} from the C API: ORT's error code and message. */
public final class OrtNativeException extends AdaptsegException {
    private final String errorCode;

    public OrtNativeException(String operation, String errorCode, String ortMessage) {
        super(operation + " failed: " + errorCode + " " + ortMessage);
        this.errorCode = errorCode;
    }

    /** The {@code OrtErrorCode} name, e.g. ORT_FAIL, ORT_INVALID_ARGUMENT. */
    public String errorCode() {
        return errorCode;
    }

    static String codeName(int code) {
        return switch (code) {
            case 0 -> "ORT_OK";
            case 1 -> "ORT_FAIL";
            case 2 -> "ORT_INVALID_ARGUMENT";
            case 3 -> "ORT_NO_SUCHFILE";
            case 4 -> "ORT_NO_MODEL";
            case 5 -> "ORT_ENGINE_ERROR";
            case 6 -> "ORT_RUNTIME_EXCEPTION";
            case 7 -> "ORT_INVALID_PROTOBUF";
            case 8 -> "ORT_MODEL_LOADED";
            case 9 -> "ORT_NOT_IMPLEMENTED";
            case 10 -> "ORT_INVALID_GRAPH";
            case 11 -> "ORT_EP_FAIL";
            case 12 -> "ORT_MODEL_LOAD_CANCELED";
            case 13 -> "ORT_MODEL_REQUIRES_COMPILATION";
            case 14 -> "ORT_NOT_FOUND";
            default -> "ORT_ERROR_" + code;
        };
    }
}
