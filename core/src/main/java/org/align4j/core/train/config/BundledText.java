package org.align4j.core.train.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a text file bundled in a module's jar (an example or demo configuration): the one way they are read. */
public final class BundledText {
    private BundledText() {}

    /**
     * The UTF-8 text of {@code resource}, resolved like {@link Class#getResourceAsStream} against {@code anchor}
     * (a leading {@code /} is absolute).
     *
     * @throws IllegalStateException naming the resource and the jar when it is missing
     */
    public static String read(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar of " + anchor.getSimpleName()
                        + "; rebuild it (mvn package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code resource} is bundled beside {@code anchor}. */
    public static boolean exists(Class<?> anchor, String resource) {
        return anchor.getResource(resource) != null;
    }
}
