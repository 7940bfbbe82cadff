package org.align4j.core.tokenizer;

import java.nio.file.Path;

/** A tokenizer file is missing, unreadable or inconsistent; the message names the file and the fix. */
public final class TokenizerFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TokenizerFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public TokenizerFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
