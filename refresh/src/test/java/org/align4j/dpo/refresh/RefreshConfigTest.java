package org.align4j.dpo.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.train.config.BundledText;
import org.align4j.dpo.config.ReferenceMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshConfigTest {
    @TempDir Path tmp;

    @Test
    void theDocumentedExampleLoads() throws IOException {
        Path f = Files.writeString(tmp.resolve("refresh.example.yaml"),
                BundledText.read(RefreshConfig.class, "/refresh.example.yaml"));
        RefreshConfig r = RefreshConfig.load(f, List.of());
        assertThat(r.safetyRules()).isEqualTo("sample");
        assertThat(r.lora()).isNull();
        assertThat(r.gate().minAccuracyGain()).isEqualTo(0.05);
        assertThat(r.dpo().referenceMode()).isEqualTo(ReferenceMode.PRECOMPUTED);
    }

    @Test
    void ktoNeedsTwoExamplesAMicroBatchAsInTheDpoStage() {
        assertThatThrownBy(() -> RefreshConfig.load(null, List.of("dpo.loss=kto", "train.batch_size=1")))
                .hasMessageContaining("train.batch_size: 1 is too small for KTO, whose reference point is the mean"
                        + " log-ratio of mismatched answers within a micro-batch; use at least 2");
    }
}
