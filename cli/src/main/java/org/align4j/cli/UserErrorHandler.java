package org.align4j.cli;

import picocli.CommandLine;

/**
 * Prints an exception's message (what was wrong and how to fix it) without a stack trace, and exits
 * non-zero. Set {@code ALIGN_DEBUG=1} to see the stack trace as well.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    /** Exit code for a run that failed on bad input or a runtime error. */
    static final int EXIT_ERROR = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        cmd.getErr().println("error: " + message);
        if (System.getenv("ALIGN_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        return ex instanceof ExitCodeException e ? e.exitCode() : EXIT_ERROR;
    }
}
