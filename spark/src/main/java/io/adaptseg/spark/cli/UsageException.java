package io.adaptseg.spark.cli;

/** A command line that cannot be run as given: exit code 2 with the message and a pointer to --help. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
