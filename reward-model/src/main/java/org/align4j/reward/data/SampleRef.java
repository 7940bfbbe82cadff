package org.align4j.reward.data;

import java.util.Arrays;
import java.util.List;
import org.align4j.datasets.sample.SampleData;

/**
 * A data file named {@code sample:NAME} in a configuration: one of the bundled sample files
 * ({@link SampleData}, e.g. {@code sample:pairs-train.jsonl}; the {@code .jsonl} may be left out), read
 * from the classpath, so that the example and demo configurations run from any directory.
 */
public final class SampleRef {
    /** The prefix that marks a bundled sample file. */
    public static final String PREFIX = "sample:";

    private SampleRef() {}

    /** Whether {@code ref} names a bundled sample file rather than a path. */
    public static boolean is(String ref) {
        return ref.startsWith(PREFIX);
    }

    /**
     * The bundled file {@code ref} names.
     *
     * @param kind {@code pairs} or {@code ratings}: the file must hold that kind
     * @param field the configuration field, for the error message
     * @throws IllegalArgumentException naming the field, the value and the files that exist
     */
    public static SampleData.File resolve(String ref, String kind, String field) {
        String name = ref.substring(PREFIX.length()).strip();
        String file = name.endsWith(".jsonl") ? name : name + ".jsonl";
        List<SampleData.File> ofKind = Arrays.stream(SampleData.File.values())
                .filter(f -> f.kind() != null && f.kind().cliName().equals(kind)).toList();
        return ofKind.stream().filter(f -> f.fileName().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(field + ": '" + ref + "' is not a bundled " + kind
                        + " file; use one of " + ofKind.stream().map(f -> PREFIX + f.fileName()).toList()
                        + " or a path"));
    }
}
