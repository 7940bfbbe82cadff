package org.align4j.cli.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.align4j.core.io.TensorDType;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class WeightDtypeTest {
    @Command(name = "writer")
    static final class Writer {
        @Mixin WeightDtype dtype;
    }

    private static TensorDType given(String... args) {
        Writer w = new Writer();
        new CommandLine(w).parseArgs(args);
        return w.dtype.type();
    }

    @Test
    void theOptionIsF32UnlessGiven() {
        assertThat(given()).isEqualTo(TensorDType.F32);
        assertThat(given("--dtype", "bf16")).isEqualTo(TensorDType.BF16);
        assertThatThrownBy(() -> given("--dtype", "i8")).hasMessage("--dtype 'i8' is not supported; use f32, f16 or bf16");
    }

    @Test
    void theThreeFloatTypesInEitherSpellingAndAnyCase() {
        Map<String, TensorDType> spellings = Map.of("f32", TensorDType.F32, "float32", TensorDType.F32,
                "F16", TensorDType.F16, "float16", TensorDType.F16, "bf16", TensorDType.BF16, "BFloat16", TensorDType.BF16);
        spellings.forEach((name, dtype) -> assertThat(WeightDtype.parse(name)).as(name).isEqualTo(dtype));
    }

    @Test
    void otherTensorTypesAreNotWeightTypes() {
        assertThatThrownBy(() -> WeightDtype.parse("i64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--dtype 'i64' is not supported; use f32, f16 or bf16");
        assertThatThrownBy(() -> WeightDtype.parse("f64")).hasMessageContaining("use f32, f16 or bf16");
    }
}
