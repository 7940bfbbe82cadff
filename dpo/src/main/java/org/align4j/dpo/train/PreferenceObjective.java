package org.align4j.dpo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.align4j.core.nn.Scalars;
import org.align4j.core.preference.ImplicitReward;
import org.align4j.dpo.config.DpoLossConfig;
import org.align4j.dpo.config.LossType;
import ai.djl.ndarray.NDManager;
import org.align4j.dpo.data.ExampleLabels;
import org.align4j.dpo.data.KtoExamples;
import org.align4j.dpo.loss.DpoLosses;
import org.align4j.dpo.loss.KtoLosses;
import org.align4j.dpo.loss.PreferenceLoss;
import org.align4j.dpo.loss.ReferenceFreeLosses;
import org.align4j.dpo.reference.ReferenceSums;

/**
 * The configured preference loss of a batch: one of {@link DpoLosses} (on summed response
 * log-probs against the reference, or with {@code length_normalize} on length-averaged ones) or
 * {@link ReferenceFreeLosses} (on length-averaged ones), plus
 * {@code sft_weight ×} the chosen answer's mean token NLL when that weight is set.
 */
public final class PreferenceObjective {
    /** The metric names, as logged (TRL's names): sums over pairs, divided by the pair count by the loop. */
    public static final String REWARD_CHOSEN = "rewards/chosen";
    public static final String REWARD_REJECTED = "rewards/rejected";
    public static final String REWARD_MARGIN = "rewards/margins";
    public static final String REWARD_ACCURACY = "rewards/accuracies";
    public static final String LOGP_CHOSEN = "logps/chosen";
    public static final String LOGP_REJECTED = "logps/rejected";
    public static final String NLL_CHOSEN = "nll/chosen";
    /** {@link ImplicitReward}'s preference accuracy: ties count half (0.5 when policy = reference). */
    public static final String PREFERENCE_ACCURACY = "preference_accuracy";

    /** KTO's batch reference point z (sum over examples of the batch's z: its mean per example). */
    public static final String KTO_KL = "kto/kl";
    /** Desirable examples (sum: their count; divided by the example count: their share). */
    public static final String KTO_DESIRABLE = "kto/desirable_share";

    private final DpoLossConfig cfg;
    private final LossType type;
    private final double desirableWeight;
    private final double undesirableWeight;

    public PreferenceObjective(DpoLossConfig cfg) {
        this(cfg, 1.0, 1.0);
    }

    /**
     * @param desirableWeight KTO's λ_D (unused by the paired losses)
     * @param undesirableWeight KTO's λ_U, resolved (unused by the paired losses)
     */
    public PreferenceObjective(DpoLossConfig cfg, double desirableWeight, double undesirableWeight) {
        this.cfg = cfg;
        this.type = cfg.lossType();
        this.desirableWeight = desirableWeight;
        this.undesirableWeight = undesirableWeight;
    }

    public DpoLossConfig config() {
        return cfg;
    }

    /**
     * The per-pair losses and rewards.
     *
     * @param ref the reference sums; ignored (may be null) for reference-free losses
     */
    public Result compute(PairLogProbs policy, ReferenceSums ref) {
        return compute(policy, ref, null);
    }

    /**
     * The per-example losses and rewards, each multiplied by its example weight.
     *
     * @param labels per-example labels and weights: required by KTO (whose "rejected" rows are the mismatched
     *     completions of {@link org.align4j.dpo.data.KtoExamples}); for the paired losses only the weights are
     *     used; null: every weight 1
     */
    public Result compute(PairLogProbs policy, ReferenceSums ref, ExampleLabels labels) {
        if (type.needsReference() && ref == null) {
            throw new IllegalArgumentException("the " + type.configName() + " loss needs reference log-probs");
        }
        if (type == LossType.KTO) {
            return kto(policy, ref, labels);
        }
        Sides s = type.needsReference() ? sides(policy, ref) : null;
        PreferenceLoss pl = switch (type) {
            case SIGMOID -> DpoLosses.sigmoid(s.policyChosen(), s.policyRejected(), s.refChosen(), s.refRejected(),
                    cfg.beta(), cfg.labelSmoothing());
            case IPO -> DpoLosses.ipo(s.policyChosen(), s.policyRejected(), s.refChosen(), s.refRejected(), cfg.beta());
            case HINGE -> DpoLosses.hinge(s.policyChosen(), s.policyRejected(), s.refChosen(), s.refRejected(), cfg.beta());
            case SIMPO -> ReferenceFreeLosses.simpo(policy.chosenAverage(), policy.rejectedAverage(), cfg.beta(),
                    cfg.simpoGamma());
            case ORPO -> ReferenceFreeLosses.orpo(policy.chosenAverage(), policy.rejectedAverage(),
                    policy.chosenAverage().neg(), cfg.orpoLambda(), cfg.beta());
            case KTO -> throw new IllegalStateException("unreachable");
        };
        NDArray nll = policy.chosenAverage().neg(); // (B) mean token NLL of the chosen answer
        NDArray losses = cfg.sftWeight() > 0 ? pl.losses().add(Scalars.mul(nll, cfg.sftWeight())) : pl.losses();
        if (labels != null) {
            losses = losses.mul(policy.chosen().getManager().create(labels.weights()));
        }
        return new Result(losses, pl, policy, nll, Map.of());
    }

    /** The log-probs the reference-based losses compare (B each): sums, or with length_normalize averages. */
    private record Sides(NDArray policyChosen, NDArray policyRejected, NDArray refChosen, NDArray refRejected) {}

    /**
     * Summed log-probs, or with {@code length_normalize} each divided by its answer's token count (LN-DPO): the
     * reference scored the same tokens, so the policy's counts divide both.
     */
    private Sides sides(PairLogProbs policy, ReferenceSums ref) {
        if (!cfg.lengthNormalize()) {
            return new Sides(policy.chosen(), policy.rejected(), ref.chosen(), ref.rejected());
        }
        return new Sides(policy.chosenAverage(), policy.rejectedAverage(), ref.chosen().div(policy.chosenTokens()),
                ref.rejected().div(policy.rejectedTokens()));
    }

    /**
     * KTO on rows whose "chosen" answer is the labelled one and whose "rejected" answer is mismatched; with
     * {@code length_normalize} the implicit reward and the reference point are per-token log-ratios (LN-KTO, the
     * length normalisation of LN-DPO applied to KTO's reward), so a long answer is not judged by its length.
     */
    private Result kto(PairLogProbs policy, ReferenceSums ref, ExampleLabels labels) {
        if (labels == null) {
            throw new IllegalArgumentException("the kto loss needs each example's desirable/undesirable label");
        }
        NDManager m = policy.chosen().getManager();
        NDArray desirable = m.create(labels.desirable()); // (B)
        Sides s = sides(policy, ref); // chosen: the labelled answers; rejected: the mismatched ones
        NDArray z = KtoLosses.referencePoint(s.policyRejected(), s.refRejected()); // ()
        PreferenceLoss pl = KtoLosses.kto(s.policyChosen(), s.refChosen(), desirable, z, cfg.beta(), desirableWeight,
                undesirableWeight);
        NDArray nll = policy.chosenAverage().neg().mul(desirable); // (B) the SFT term on desirable answers only
        NDArray losses = cfg.sftWeight() > 0 ? pl.losses().add(Scalars.mul(nll, cfg.sftWeight())) : pl.losses();
        losses = losses.mul(m.create(labels.weights())); // the example's weight counts for its SFT term too, as in DPO
        int b = labels.desirable().length;
        double desirableCount = 0;
        for (float f : labels.desirable()) {
            desirableCount += f;
        }
        return new Result(losses, pl, policy, nll, Map.of(KTO_KL, (double) z.getFloat() * b, KTO_DESIRABLE,
                desirableCount));
    }

    /**
     * A batch's losses with what is logged about it.
     *
     * @param losses (B) per-pair training loss (preference loss plus the SFT term)
     * @param preference the preference loss and implicit rewards
     * @param policy the policy's log-probs
     * @param chosenNll (B) mean token NLL of each chosen answer
     * @param extraSums further per-batch sums to log (KTO's reference point and class share)
     */
    public record Result(NDArray losses, PreferenceLoss preference, PairLogProbs policy, NDArray chosenNll,
            Map<String, Double> extraSums) {

        /** Sums over the batch's pairs of every logged metric (read in one transfer). */
        public Map<String, Double> metricSums() {
            NDArray margins = preference.margins();
            NDArray wins = margins.gt(0).toType(DataType.FLOAT32, false);
            NDList rows = new NDList(preference.chosenRewards(), preference.rejectedRewards(), margins, wins,
                    ImplicitReward.credits(margins), policy.chosen().stopGradient(), policy.rejected().stopGradient(),
                    chosenNll.stopGradient(), losses.stopGradient());
            float[] s = NDArrays.stack(rows).sum(new int[] {1}).toFloatArray();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(REWARD_CHOSEN, (double) s[0]);
            m.put(REWARD_REJECTED, (double) s[1]);
            m.put(REWARD_MARGIN, (double) s[2]);
            m.put(REWARD_ACCURACY, (double) s[3]);
            m.put(PREFERENCE_ACCURACY, (double) s[4]);
            m.put(LOGP_CHOSEN, (double) s[5]);
            m.put(LOGP_REJECTED, (double) s[6]);
            m.put(NLL_CHOSEN, (double) s[7]);
            m.put("loss", (double) s[8]);
            m.putAll(extraSums);
            return m;
        }
    }
}
