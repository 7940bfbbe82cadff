package org.align4j.cli.dpo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.align4j.dpo.config.DpoConfig;

/** The documented example configurations bundled in the dpo jar. */
final class Examples {
    private Examples() {}

    static String read(String resource) {
        try (InputStream in = DpoConfig.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the dpo jar; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
