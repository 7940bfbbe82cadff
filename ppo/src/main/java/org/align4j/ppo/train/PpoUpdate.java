package org.align4j.ppo.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.align4j.core.nn.Scalars;
import org.align4j.datasets.split.Shuffle;
import org.align4j.core.train.AdamW;
import org.align4j.core.train.GradientClipping;
import org.align4j.core.train.LrSchedule;
import org.align4j.core.train.NonFiniteTrainingException;
import org.align4j.ppo.config.PpoHyper;
import org.align4j.ppo.math.PpoLosses;
import org.align4j.ppo.model.ActorCritic;
import org.align4j.ppo.rollout.SequenceBatch;

/**
 * The optimisation half of an iteration: {@code ppo_epochs} passes over the experience in shuffled
 * minibatches, one optimizer step each (Schulman et al. 2017, Algorithm 1). A minibatch's loss is
 * {@code L_clip + vf_coef·L_V − entropy_coef·H}, each a mean over its answer tokens, computed in
 * micro-batches whose gradients accumulate (each micro-batch's means weighted by its share of the tokens,
 * so the sum equals the minibatch mean). Actor and critic gradients are clipped to {@code max_grad_norm}
 * separately, then both AdamW optimizers step. Dropout stays off, as TRL's {@code disable_dropout}, so that
 * {@code π/π_old} is exactly the effect of the updates.
 */
public record PpoUpdate(ActorCritic actorCritic, AdamW actor, AdamW critic, LrSchedule actorLr, LrSchedule criticLr,
        PpoHyper hp, double maxGradNorm) {
    /**
     * Runs every epoch and minibatch of one iteration.
     *
     * @param iteration the 1-based iteration (named in errors)
     * @param shuffleSeed decides the minibatch order
     */
    public UpdateStats run(Experience e, long iteration, long shuffleSeed) {
        UpdateStats stats = new UpdateStats();
        SequenceBatch all = e.rollout().batch();
        int n = all.rows();
        Random rnd = new Random(shuffleSeed);
        for (int epoch = 0; epoch < hp.ppoEpochs(); epoch++) {
            int[] order = Shuffle.permutation(n, rnd);
            for (int mb = 0; mb < n / hp.minibatchSize(); mb++) {
                int[] rows = java.util.Arrays.copyOfRange(order, mb * hp.minibatchSize(), (mb + 1) * hp.minibatchSize());
                minibatch(e, rows, stats, iteration, "PPO epoch " + (epoch + 1) + ", minibatch " + (mb + 1));
            }
        }
        return stats;
    }

    private void minibatch(Experience e, int[] rows, UpdateStats stats, long iteration, String where) {
        int[] len = e.rollout().lengths();
        double tokens = 0;
        for (int r : rows) {
            tokens += len[r];
        }
        UpdateStats.Step step = new UpdateStats.Step();
        for (int start = 0; start < rows.length; start += hp.microBatchSize()) {
            int[] micro = java.util.Arrays.copyOfRange(rows, start, start + hp.microBatchSize());
            microBatch(e, micro, tokens, step, iteration, where);
        }
        try {
            step.gradNorm = GradientClipping.clipGlobalNorm(actor.arrays(), maxGradNorm, iteration);
            step.criticGradNorm = GradientClipping.clipGlobalNorm(critic.arrays(), maxGradNorm, iteration);
        } catch (NonFiniteTrainingException ex) {
            zeroGrad();
            throw new NonFiniteTrainingException(iteration, "the gradient norm at " + where);
        }
        long s = actor.steps();
        actor.step(actorLr.at(s));
        critic.step(criticLr.at(s));
        zeroGrad();
        step.lr = actorLr.at(s);
        stats.add(step);
    }

    private void microBatch(Experience e, int[] rows, double mbTokens, UpdateStats.Step step, long iteration,
            String where) {
        SequenceBatch part = e.rollout().batch().select(rows);
        int w = part.responseWidth();
        try (NDManager m = NDManager.newBaseManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            SequenceBatch.Tensors t = part.tensors(m);
            NDArray mask = t.responseMask();
            float share = (float) (mask.sum().getFloat() / mbTokens); // this micro-batch's share of the tokens
            ActorCritic.Output out = actorCritic.forward(t, true, false);
            PpoLosses.PolicyLoss pg = PpoLosses.policy(out.logprobs(),
                    SequenceBatch.perToken(m, e.rollout().logprobs(), rows, w),
                    SequenceBatch.perToken(m, e.advantages(), rows, w), mask, hp.cliprange());
            PpoLosses.ValueLoss vf = PpoLosses.value(out.values(), SequenceBatch.perToken(m, e.rollout().values(), rows, w),
                    SequenceBatch.perToken(m, e.returns(), rows, w), mask, hp.cliprangeValue());
            NDArray entropy = hp.entropyCoef() > 0 ? PpoLosses.entropy(out.logits(), mask)
                    : PpoLosses.entropy(out.logits().stopGradient(), mask);
            float pgLoss = pg.loss().getFloat();
            float vfLoss = vf.loss().getFloat();
            if (!Float.isFinite(pgLoss) || !Float.isFinite(vfLoss)) {
                zeroGrad();
                throw new NonFiniteTrainingException(iteration, "the " + (Float.isFinite(pgLoss) ? "value" : "policy")
                        + " loss at " + where);
            }
            NDArray loss = pg.loss().add(Scalars.mul(vf.loss(), (float) hp.vfCoef()));
            if (hp.entropyCoef() > 0) {
                loss = loss.sub(Scalars.mul(entropy, (float) hp.entropyCoef()));
            }
            gc.backward(Scalars.mul(loss, share));
            step.policyLoss += share * pgLoss;
            step.valueLoss += share * vfLoss;
            step.entropy += share * entropy.getFloat();
            step.clipFraction += share * pg.clipFraction();
            step.approxKl += share * pg.approxKl();
            step.valueClipFraction += share * vf.clipFraction();
        }
    }

    private void zeroGrad() {
        actor.zeroGrad();
        critic.zeroGrad();
    }
}
