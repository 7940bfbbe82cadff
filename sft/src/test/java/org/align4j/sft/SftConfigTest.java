package org.align4j.sft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.train.config.BundledText;
import org.align4j.core.train.config.RunConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftConfigTest {
    @TempDir Path tmp;

    static Path example(Path dir) throws Exception {
        return Files.writeString(dir.resolve("sft.yaml"), BundledText.read(SftConfigTest.class, "/sft.example.yaml"));
    }

    @Test
    void theDocumentedExampleLoadsAndIsComplete() throws Exception {
        SftConfig c = RunConfigLoader.load(example(tmp), List.of(), SftConfig.class, SftConfig.defaults(),
                SftConfig.sectionDefaults()).requireComplete();
        assertThat(c.lora().targetModules()).containsExactly("all-linear");
        assertThat(c.train().gradAccum()).isEqualTo(2);
        assertThat(c.train().warmupRatio()).isEqualTo(0.03);
        assertThat(c.data().template()).isEqualTo("chatml");
    }

    @Test
    void loraNullMeansFullFineTuning() throws Exception {
        SftConfig c = RunConfigLoader.load(example(tmp), List.of("lora=null"), SftConfig.class, SftConfig.defaults(),
                SftConfig.sectionDefaults());
        assertThat(c.lora()).isNull();
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        SftConfig c = RunConfigLoader.load(null, List.of(), SftConfig.class, SftConfig.defaults(),
                SftConfig.sectionDefaults());
        assertThatThrownBy(c::requireComplete).hasMessage("model: must be set");
        SftConfig noData = RunConfigLoader.load(null, List.of("model=m"), SftConfig.class, SftConfig.defaults(),
                SftConfig.sectionDefaults());
        assertThatThrownBy(noData::requireComplete).hasMessage("data.train: must be set");
        assertThatThrownBy(() -> RunConfigLoader.load(null, List.of("save_dtype=f8"), SftConfig.class,
                SftConfig.defaults(), SftConfig.sectionDefaults())).hasMessageContaining("save_dtype: must be one of");
        assertThatThrownBy(() -> RunConfigLoader.load(null, List.of("data.validation_split=1.5"), SftConfig.class,
                SftConfig.defaults(), SftConfig.sectionDefaults())).hasMessageContaining("data.validation_split");
    }
}
