package org.align4j.dpo.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceCacheTest {
    @TempDir Path dir;

    @Test
    void aWrittenCacheReadsBackAndLeavesOnlyTheCacheFile() throws Exception {
        Path file = ReferenceCache.file(dir.resolve("run"), "0123456789abcdef");
        float[][] train = {{-1.5f, -2f}, {-3f, -4.25f}};
        float[][] eval = {{-0.5f}, {-0.75f}};
        ReferenceCache.write(file, train, eval);
        PrecomputedReference back = ReferenceCache.read(file, 2, 1);
        assertThat(back).usingRecursiveComparison().isEqualTo(new PrecomputedReference(train, eval));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file);
        }
    }
}
