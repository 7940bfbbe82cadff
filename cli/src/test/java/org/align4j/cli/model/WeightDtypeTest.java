package org.align4j.cli.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.align4j.core.io.TensorDType;
import org.junit.jupiter.api.Test;

class WeightDtypeTest {
    @Test
    void theThreeFloatTypesInEitherSpellingAndAnyCase() {
        assertThat(WeightDtype.parse("f32")).isEqualTo(TensorDType.F32);
        assertThat(WeightDtype.parse("float32")).isEqualTo(TensorDType.F32);
        assertThat(WeightDtype.parse("F16")).isEqualTo(TensorDType.F16);
        assertThat(WeightDtype.parse("float16")).isEqualTo(TensorDType.F16);
        assertThat(WeightDtype.parse("bf16")).isEqualTo(TensorDType.BF16);
        assertThat(WeightDtype.parse("BFloat16")).isEqualTo(TensorDType.BF16);
    }

    @Test
    void otherTensorTypesAreNotWeightTypes() {
        assertThatThrownBy(() -> WeightDtype.parse("i64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--dtype 'i64' is not supported; use f32, f16 or bf16");
        assertThatThrownBy(() -> WeightDtype.parse("f64")).hasMessageContaining("use f32, f16 or bf16");
    }
}
