package org.align4j.dpo.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.dpo.config.ReferenceMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshConfigTest {
    @TempDir Path tmp;

    @Test
    void theDocumentedExampleLoads() throws IOException {
        Path f = tmp.resolve("refresh.example.yaml");
        try (InputStream in = RefreshConfig.class.getResourceAsStream("/refresh.example.yaml")) {
            Files.write(f, in.readAllBytes());
        }
        RefreshConfig r = RefreshConfig.load(f, List.of());
        assertThat(r.safetyRules()).isEqualTo("sample");
        assertThat(r.lora()).isNull();
        assertThat(r.gate().minAccuracyGain()).isEqualTo(0.05);
        assertThat(r.dpo().referenceMode()).isEqualTo(ReferenceMode.PRECOMPUTED);
    }
}
