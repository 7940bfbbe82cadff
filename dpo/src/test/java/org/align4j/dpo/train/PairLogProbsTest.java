package org.align4j.dpo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.nn.NoGrad;
import org.align4j.datasets.collate.TokenizedPair;
import org.align4j.datasets.collate.TokenizedSequence;
import org.align4j.dpo.Fixtures;
import org.align4j.dpo.data.EncodedPairs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairLogProbsTest {
    @TempDir Path tmp;

    /** Σ log p over the answer tokens of one unpadded sequence, computed token by token. */
    static double answerLogProb(ModelBundle p, TokenizedSequence s, NDManager m) {
        long[] ids = java.util.Arrays.stream(s.ids()).asLongStream().toArray();
        NDArray input = m.create(ids, new Shape(1, ids.length));
        float[] perToken = TokenLogProbs.perToken(p.lm(), input, null, false).toFloatArray();
        double sum = 0;
        for (int t = 1; t < ids.length; t++) {
            if (s.lossMask()[t]) {
                sum += perToken[t - 1];
            }
        }
        return sum;
    }

    @Test
    void sumsCoverAnswerTokensOnlyWhateverThePaddingAndBatch() {
        Path policy = Fixtures.tinyPolicy(tmp.resolve("p"), 2);
        try (ModelBundle p = ModelBundle.load(policy); NDManager m = NDManager.newBaseManager();
                NoGrad ignored = NoGrad.enter()) {
            EncodedPairs pairs = EncodedPairs.encode("t", Fixtures.pairs(5, 9), p.encoder(), 128);
            int[] all = {0, 1, 2, 3, 4};
            PairLogProbs batched = PairLogProbs.of(p.lm(), m, p.collator().pairs(pairs.select(all), all), false);
            float[] c = batched.chosen().toFloatArray();
            float[] r = batched.rejected().toFloatArray();
            float[] ct = batched.chosenTokens().toFloatArray();
            for (int i = 0; i < 5; i++) {
                TokenizedPair tp = pairs.tokens().get(i);
                assertThat((double) c[i]).as("chosen %d", i).isCloseTo(answerLogProb(p, tp.chosen(), m), within(1e-3));
                assertThat((double) r[i]).as("rejected %d", i).isCloseTo(answerLogProb(p, tp.rejected(), m), within(1e-3));
                assertThat(ct[i]).isEqualTo(tp.chosen().trainedTokens());
                int[] one = {i};
                PairLogProbs alone = PairLogProbs.of(p.lm(), m, p.collator().pairs(List.of(tp), one), false);
                assertThat(alone.chosen().getFloat(0)).isCloseTo(c[i], within(1e-3f));
            }
        }
    }
}
