package org.align4j.ppo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.nn.NoGrad;
import org.align4j.ppo.TinyModels;
import org.align4j.ppo.rollout.SequenceBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActorCriticTest {
    @TempDir static Path tmp;
    static Policy policy;
    static Critic critic;
    static final int[][] PROMPTS = {{5, 9, 40, 41, 42}, {7, 8}};
    static final int[][] ANSWERS = {{60, 61}, {70, 71, 72, 73}};

    @BeforeAll
    static void load() {
        policy = Policy.load(TinyModels.policy(tmp.resolve("policy"), 21), null, null);
        critic = Critic.onPolicyTrunk(TinyModels.DIM);
    }

    @AfterAll
    static void close() {
        critic.close();
        policy.close();
    }

    /** log p(answer tokens) of one unpadded sequence, by the core's per-token log-probs. */
    static float[] unpadded(int[] prompt, int[] answer, double temperature) {
        int[] seq = Arrays.copyOf(prompt, prompt.length + answer.length);
        System.arraycopy(answer, 0, seq, prompt.length, answer.length);
        try (NoGrad ignored = NoGrad.enter(); NDManager m = NDManager.newBaseManager()) {
            NDArray ids = m.create(Arrays.stream(seq).asLongStream().toArray(), new Shape(1, seq.length));
            NDArray logits = policy.lm().forward(ids, false).div((float) temperature); // (1, T, V)
            NDArray lp = TokenLogProbs.gather(logits.get(":, :-1, :"), ids.get(":, 1:")); // (1, T-1)
            return Arrays.copyOfRange(lp.toFloatArray(), prompt.length - 1, seq.length - 1);
        }
    }

    @Test
    void answerLogProbsOfAPaddedBatchEqualThoseOfEachSequenceAlone() {
        for (double temperature : new double[] {1.0, 0.7}) {
            ActorCritic ac = new ActorCritic(policy, critic, temperature);
            SequenceBatch batch = new SequenceBatch(PROMPTS, ANSWERS, 0);
            try (NoGrad ignored = NoGrad.enter(); NDManager m = NDManager.newBaseManager()) {
                SequenceBatch.Tensors t = batch.tensors(m);
                ActorCritic.Output out = ac.forward(t, true, false);
                assertThat(out.logprobs().getShape()).isEqualTo(new Shape(2, 4));
                assertThat(out.values().getShape()).isEqualTo(new Shape(2, 4));
                float[] lp = out.logprobs().toFloatArray();
                for (int i = 0; i < 2; i++) {
                    float[] expected = unpadded(PROMPTS[i], ANSWERS[i], temperature);
                    for (int k = 0; k < expected.length; k++) {
                        assertThat(lp[i * 4 + k]).isCloseTo(expected[k], within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void theReferenceMatchesTheUntrainedPolicyExactlyAndRunsWithoutGradients() {
        ActorCritic ac = new ActorCritic(policy, critic, 1.0);
        try (NDManager m = NDManager.newBaseManager()) {
            SequenceBatch.Tensors t = new SequenceBatch(PROMPTS, ANSWERS, 0).tensors(m);
            NDArray ref = ac.referenceLogprobs(t);
            assertThat(ref.toFloatArray()).containsExactly(ac.forward(t, false, false).logprobs().toFloatArray());
            assertThat(ref.hasGradient()).isFalse();
            assertThat(policy.reference().ownsWeights()).isTrue();
            policy.reference().model().namedParameters().values()
                    .forEach(p -> assertThat(p.requiresGradient()).as(p.getName()).isFalse());
        }
    }
}
