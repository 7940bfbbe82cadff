package org.align4j.cli;

/** An error that ends the command with a specific, documented exit code. */
public final class ExitCodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public ExitCodeException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
