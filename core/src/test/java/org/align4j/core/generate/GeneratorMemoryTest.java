package org.align4j.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.KvCache;
import org.align4j.core.model.ModelConfig;
import org.align4j.core.model.PretrainedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Native memory does not grow with the number of generation steps. */
class GeneratorMemoryTest {

    /** A model that counts the live resources under a manager each time it runs a step. */
    private static final class Counting extends CausalLanguageModel {
        private final CausalLanguageModel inner;
        private final NDManager watched;
        private final List<Integer> counts = new ArrayList<>();

        Counting(CausalLanguageModel inner, NDManager watched) {
            this.inner = inner;
            this.watched = watched;
        }

        @Override
        public ModelConfig config() {
            return inner.config();
        }

        @Override
        public NDArray hidden(NDArray ids, NDArray mask, NDArray positions, KvCache cache, boolean training) {
            counts.add(live(watched));
            return inner.hidden(ids, mask, positions, cache, training);
        }

        @Override
        public NDArray logits(NDArray hidden) {
            return inner.logits(hidden);
        }
    }

    static int live(NDManager manager) {
        try {
            Field f = BaseNDManager.class.getDeclaredField("resources");
            f.setAccessible(true);
            int n = 0;
            for (Object r : ((Map<?, ?>) f.get(manager)).values()) {
                n += r instanceof NDManager m ? 1 + live(m) : 1;
            }
            return n;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theLiveArrayCountStaysFlatAcrossSteps(boolean useCache) {
        try (PretrainedModel model = TinyModels.create("llama", 3); NDManager parent = NDManager.newBaseManager()) {
            Counting counting = new Counting(model.causalLm(), parent);
            new Generator(counting).generate(parent, TinyModels.prompts(1, 3, 5),
                    SamplingConfig.builder().maxNewTokens(30).temperature(1.0).topP(0.9).useCache(useCache).build());
            List<Integer> c = counting.counts;
            assertThat(c).hasSize(30);
            assertThat(c.get(1)).isPositive(); // the cache (or the run's manager) is there and counted
            assertThat(c.subList(2, c.size())).as("resources at each step").allMatch(n -> n.equals(c.get(2)));
            assertThat(live(parent)).as("nothing is left behind").isZero();
        }
    }
}
