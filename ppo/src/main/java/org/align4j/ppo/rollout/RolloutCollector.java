package org.align4j.ppo.rollout;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.align4j.core.nn.NoGrad;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.ppo.model.ActorCritic;

/**
 * One rollout: sample an answer to each prompt, decode and score it with the reward model, then run the
 * training forward pass (without gradients) for the old log-probs and values, and the reference for its
 * log-probs, in micro-batches. Without a critic (GRPO, RLOO) the values stay 0.
 *
 * @param tokenizer the policy's tokenizer (decodes answers for the reward model)
 * @param pad the policy's pad id (masked everywhere)
 * @param microBatch rows per forward pass
 */
public record RolloutCollector(ActorCritic actorCritic, Sampler sampler, AnswerScorer scorer, ScoreShaping shaping,
        TextTokenizer tokenizer, int pad, int microBatch) {
    /**
     * Answers every prompt of {@code prompts} in batches of {@code batchSize}, batch b drawing with seed
     * {@code seed·φ − b} (φ the 64-bit golden ratio): the same draws at every call, so that two held-out evaluations
     * differ only by the policy.
     */
    public List<Rollout> collectInBatches(PromptSet prompts, int batchSize, long seed, PhaseTimer timer) {
        List<Rollout> out = new ArrayList<>();
        int n = prompts.size();
        for (int start = 0, b = 0; start < n; start += batchSize, b++) {
            List<PromptSet.Prompt> part = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + batchSize); i++) {
                part.add(prompts.get(i));
            }
            out.add(collect(part, seed * 0x9E3779B97F4A7C15L - b, timer));
        }
        return out;
    }

    /** Samples, scores and measures answers to {@code prompts}; {@code seed} decides the sampling. */
    public Rollout collect(List<PromptSet.Prompt> prompts, long seed, PhaseTimer timer) {
        int[][] promptIds = prompts.stream().map(PromptSet.Prompt::ids).toArray(int[][]::new);
        long t0 = System.nanoTime();
        Sampler.Samples samples = sampler.sample(actorCritic.policy().lm(), promptIds, seed);
        long t1 = System.nanoTime();
        timer.addGeneration(t1 - t0);
        SequenceBatch batch = new SequenceBatch(promptIds, samples.answers(), pad);
        List<String> promptTexts = prompts.stream().map(PromptSet.Prompt::rewardText).toList();
        List<String> answers = tokenizer.decodeBatch(samples.answers(), true);
        float[] raw = scorer.score(promptTexts, answers);
        float[] scores = shaping.apply(raw, samples.stopped(), promptTexts, answers);
        int b = batch.rows();
        int r = batch.responseWidth();
        float[][] logprobs = new float[b][r];
        float[][] refLogprobs = new float[b][r];
        float[][] values = new float[b][r]; // zeros for a critic-free run
        boolean critic = actorCritic.critic() != null;
        try (NoGrad ignored = NoGrad.enter()) {
            for (int start = 0; start < b; start += microBatch) {
                int[] idx = range(start, Math.min(b, start + microBatch));
                SequenceBatch part = batch.select(idx);
                try (NDManager m = NDManager.newBaseManager()) {
                    SequenceBatch.Tensors tensors = part.tensors(m);
                    ActorCritic.Output out = actorCritic.forward(tensors, critic, false);
                    copyRows(out.logprobs().toFloatArray(), part.responseWidth(), idx, logprobs);
                    if (critic) {
                        copyRows(out.values().toFloatArray(), part.responseWidth(), idx, values);
                    }
                    copyRows(actorCritic.referenceLogprobs(tensors).toFloatArray(), part.responseWidth(), idx, refLogprobs);
                }
            }
        }
        int[] len = batch.responseLengths();
        for (int i = 0; i < b; i++) { // zero past each length: nothing there is an answer token
            Arrays.fill(logprobs[i], len[i], r, 0f);
            Arrays.fill(refLogprobs[i], len[i], r, 0f);
            Arrays.fill(values[i], len[i], r, 0f);
        }
        timer.addScoring(System.nanoTime() - t1);
        return new Rollout(batch, promptTexts, new ArrayList<>(answers), samples.stopped(), logprobs, refLogprobs,
                values, raw, scores);
    }

    static int[] range(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return idx;
    }

    private static void copyRows(float[] flat, int width, int[] idx, float[][] into) {
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(flat, i * width, into[idx[i]], 0, width);
        }
    }
}
