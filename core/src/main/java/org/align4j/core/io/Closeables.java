package org.align4j.core.io;

/**
 * What a loader does when it fails after opening some of what it returns (a model, its tokenizer): close each of
 * them, so that nothing native leaks, and throw the failure that stopped it.
 */
public final class Closeables {
    private Closeables() {}

    /**
     * Closes every non-null {@code opened}, in order, and returns {@code failure} for the caller to throw; a close
     * that fails does not stop the others and is added to {@code failure} as suppressed.
     */
    public static RuntimeException closeOnFailure(RuntimeException failure, AutoCloseable... opened) {
        for (AutoCloseable c : opened) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception closing) {
                failure.addSuppressed(closing);
            }
        }
        return failure;
    }
}
