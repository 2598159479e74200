package io.adaptseg.core;

/**
 * A failure caused by the environment or the user's input (a missing or corrupt file, a bad option
 * value, a native library that cannot be loaded), as opposed to programmer misuse, which throws
 * {@link IllegalArgumentException} or {@link IllegalStateException}. The message names the file
 * or option and what is wrong; the command line prints it on one line.
 */
public class AdaptsegException extends Exception {
    public AdaptsegException(String message) {
        super(message);
    }

    public AdaptsegException(String message, Throwable cause) {
        super(message, cause);
    }
}
