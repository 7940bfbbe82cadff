package org.align4j.ppo.grpo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.align4j.datasets.split.Shuffle;
import org.align4j.core.train.AdamW;
import org.align4j.core.train.GradientClipping;
import org.align4j.core.train.LrSchedule;
import org.align4j.core.train.NonFiniteTrainingException;
import org.align4j.ppo.model.ActorCritic;
import org.align4j.ppo.rollout.SequenceBatch;

/**
 * The optimisation half of a critic-free iteration: {@code epochs} passes over the answers in shuffled
 * minibatches, one AdamW step each after global-norm clipping. A minibatch's loss is {@link GrpoLosses#policy}
 * aggregated over the whole minibatch, computed in micro-batches whose gradients accumulate. There is no
 * critic: the advantage of every token of an answer is the answer's group-relative advantage.
 *
 * @param policy the policy's forward pass (no critic)
 */
public record GrpoUpdate(ActorCritic policy, AdamW optimizer, LrSchedule lr, GrpoHyper hp, int maxNewTokens,
        double maxGradNorm) {
    /**
     * Runs every epoch and minibatch of one iteration; returns the means over its steps of {@code loss},
     * {@code clip_fraction}, {@code kl_k3} (per token, the loss term's estimate), {@code grad_norm} and {@code lr}.
     */
    public Map<String, Double> run(GroupExperience e, long iteration, long shuffleSeed) {
        int n = e.rollout().size();
        Random rnd = new Random(shuffleSeed);
        double[] sums = new double[5];
        int steps = 0;
        for (int epoch = 0; epoch < hp.epochs(); epoch++) {
            int[] order = Shuffle.permutation(n, rnd);
            for (int mb = 0; mb < n / hp.minibatchSize(); mb++) {
                int[] rows = Arrays.copyOfRange(order, mb * hp.minibatchSize(), (mb + 1) * hp.minibatchSize());
                double[] s = minibatch(e, rows, iteration, "epoch " + (epoch + 1) + ", minibatch " + (mb + 1));
                for (int k = 0; k < s.length; k++) {
                    sums[k] += s[k];
                }
                steps++;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        String[] names = {"loss", "clip_fraction", "kl_k3", "grad_norm", "lr"};
        for (int k = 0; k < names.length; k++) {
            m.put(names[k], sums[k] / steps);
        }
        return m;
    }

    private double[] minibatch(GroupExperience e, int[] rows, long iteration, String where) {
        int[] all = e.rollout().lengths();
        int[] len = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            len[i] = all[rows[i]];
        }
        double denominator = hp.aggregation().denominator(len, maxNewTokens);
        double loss = 0;
        double tokens = 0;
        double clipped = 0;
        double kl = 0;
        for (int start = 0; start < rows.length; start += hp.microBatchSize()) {
            int[] micro = Arrays.copyOfRange(rows, start, start + hp.microBatchSize());
            double[] t = microBatch(e, micro, denominator, iteration, where);
            loss += t[0];
            tokens += t[1];
            clipped += t[2];
            kl += t[3];
        }
        double norm;
        try {
            norm = GradientClipping.clipGlobalNorm(optimizer.arrays(), maxGradNorm, iteration);
        } catch (NonFiniteTrainingException ex) {
            optimizer.zeroGrad();
            throw new NonFiniteTrainingException(iteration, "the gradient norm at " + where);
        }
        long s = optimizer.steps();
        double rate = lr.at(s);
        optimizer.step(rate);
        optimizer.zeroGrad();
        return new double[] {loss, clipped / tokens, kl / tokens, norm, rate};
    }

    /** Forward, loss and backward of some rows: {loss share, tokens, clipped tokens, k3 sum}. */
    private double[] microBatch(GroupExperience e, int[] rows, double denominator, long iteration, String where) {
        SequenceBatch part = e.rollout().batch().select(rows);
        int w = part.responseWidth();
        float[] adv = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            adv[i] = (float) e.advantages()[rows[i]];
        }
        boolean klLoss = !hp.klInReward() && hp.beta() > 0;
        try (NDManager m = NDManager.newBaseManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            SequenceBatch.Tensors t = part.tensors(m);
            ActorCritic.Output out = policy.forward(t, false, false);
            GrpoLosses.Terms terms = GrpoLosses.policy(out.logprobs(),
                    SequenceBatch.perToken(m, e.rollout().logprobs(), rows, w),
                    SequenceBatch.perToken(m, e.rollout().refLogprobs(), rows, w),
                    m.create(adv, new Shape(rows.length, 1)), t.responseMask(), hp.cliprange(),
                    klLoss ? hp.beta() : 0, hp.aggregation(), denominator);
            float loss = terms.loss().getFloat();
            if (!Float.isFinite(loss)) {
                optimizer.zeroGrad();
                throw new NonFiniteTrainingException(iteration, "the policy loss at " + where);
            }
            gc.backward(terms.loss());
            return new double[] {loss, terms.tokens(), terms.clippedTokens(), terms.klSum()};
        }
    }
}
