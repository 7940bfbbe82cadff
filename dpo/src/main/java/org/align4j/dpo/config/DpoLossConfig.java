package org.align4j.dpo.config;

import java.util.List;
import org.align4j.core.preference.ImplicitReward;
import org.align4j.core.train.KlBudget;
import org.align4j.core.train.config.Checks;

/**
 * The {@code dpo:} section: which preference loss, its hyper-parameters and where the reference
 * log-probs come from. Defaults are TRL's unless noted.
 *
 * @param loss sigmoid (DPO), ipo, hinge, simpo or orpo
 * @param beta β: the strength of the implicit KL constraint (TRL: 0.1); SimPO's reward scale
 * @param labelSmoothing ε of conservative DPO, the assumed share of flipped labels; sigmoid only, in [0, 0.5)
 * @param simpoGamma SimPO's target reward margin γ (Meng et al. use 0.5–1.6 with β 2–2.5)
 * @param orpoLambda ORPO's weight λ of the odds-ratio term (TRL's ORPO {@code beta}: 0.1)
 * @param sftWeight weight of an NLL term on the chosen answer (TRL {@code rpo_alpha}, LLaMA-Factory
 *     {@code pref_ftx}): keeps chosen log-probs from falling together with the rejected ones; 0 turns it off
 * @param reference auto (model for sigmoid/ipo/hinge, none for simpo/orpo), model, precomputed or none
 * @param lengthNormalize sigmoid/ipo/hinge/kto on length-averaged log-ratios, {@code (1/|y|) Σ_t (log πθ − log πref)},
 *     instead of summed ones (LN-DPO, Ahrabian et al. 2024; the per-token scale of SimPO, Meng et al. 2024, with the
 *     reference kept): a long answer no longer wins or loses by its length alone; β then acts per token, so it
 *     wants to be larger (about 1–5 instead of 0.1)
 * @param klBudget nats per answer the policy may move from the reference, the KL ({@code eval_kl}) measured on
 *     held-out prompts at each evaluation and judged by {@link KlBudget}; 0 (default): neither measured nor judged
 *     (the measurement samples answers and, with {@code reference: precomputed} and no LoRA, loads a frozen copy of
 *     the starting policy)
 * @param stopOnKlBudget end the run at the first evaluation over {@code kl_budget}, the final model being the best
 *     evaluation within it
 * @param klPrompts distinct held-out prompts answered (sampled, temperature 1, the same draws every evaluation) for
 *     {@code eval_kl}
 * @param klMaxNewTokens the longest of those sampled answers
 */
public record DpoLossConfig(
        String loss,
        double beta,
        double labelSmoothing,
        double simpoGamma,
        double orpoLambda,
        double sftWeight,
        String reference,
        boolean lengthNormalize,
        double klBudget,
        boolean stopOnKlBudget,
        int klPrompts,
        int klMaxNewTokens) {

    /** The values {@code reference} accepts. */
    public static final List<String> REFERENCES = List.of("auto", "model", "precomputed", "none");

    public DpoLossConfig {
        Checks.oneOf("loss", loss, LossType.names());
        Checks.positive("beta", beta);
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
            throw new IllegalArgumentException("label_smoothing: must be in [0, 0.5), got " + labelSmoothing);
        }
        LossType type = LossType.parse(loss);
        if (labelSmoothing > 0 && type != LossType.SIGMOID) {
            throw new IllegalArgumentException("label_smoothing: " + labelSmoothing + " applies to the sigmoid loss only"
                    + " (conservative DPO), not to " + loss + "; set it to 0");
        }
        Checks.nonNegative("simpo_gamma", simpoGamma);
        Checks.positive("orpo_lambda", orpoLambda);
        Checks.nonNegative("sft_weight", sftWeight);
        if (type == LossType.ORPO && sftWeight > 0) {
            throw new IllegalArgumentException("sft_weight: orpo already contains an NLL term on the chosen answer;"
                    + " set sft_weight to 0 (got " + sftWeight + ")");
        }
        Checks.oneOf("reference", reference, REFERENCES);
        if (type.needsReference() && reference.equals("none")) {
            throw new IllegalArgumentException("reference: the " + loss + " loss compares the policy with a reference;"
                    + " use model or precomputed (precomputed keeps no reference model in memory), or a"
                    + " reference-free loss (simpo, orpo)");
        }
        if (lengthNormalize && !type.needsReference()) {
            throw new IllegalArgumentException("length_normalize: applies to the sigmoid, ipo, hinge and kto losses; "
                    + loss + " averages over tokens already; set length_normalize to false");
        }
        KlBudget.of(klBudget, stopOnKlBudget); // checks kl_budget and stop_on_kl_budget
        Checks.positive("kl_prompts", klPrompts);
        Checks.positive("kl_max_new_tokens", klMaxNewTokens);
        if (!type.needsReference() && (reference.equals("model") || reference.equals("precomputed"))) {
            throw new IllegalArgumentException("reference: the " + loss + " loss uses no reference model; set"
                    + " reference to none (or auto), got " + reference);
        }
    }

    /** The loss alone: summed log-ratios, no KL budget. */
    public DpoLossConfig(String loss, double beta, double labelSmoothing, double simpoGamma, double orpoLambda,
            double sftWeight, String reference) {
        this(loss, beta, labelSmoothing, simpoGamma, orpoLambda, sftWeight, reference, false, 0.0, false,
                DEFAULT_KL_PROMPTS, DEFAULT_KL_MAX_NEW_TOKENS);
    }

    /** Held-out prompts sampled for {@code eval_kl}: a mean within a few nats on the sample models, in seconds. */
    public static final int DEFAULT_KL_PROMPTS = 16;
    /** The demo's answers end well within 64 tokens. */
    public static final int DEFAULT_KL_MAX_NEW_TOKENS = 64;

    /**
     * sigmoid, β 0.1, no smoothing, no SFT term, reference chosen by the loss, summed log-ratios; no KL budget (a
     * budget in nats depends on the answers' length: the demo's configs set one).
     */
    public static DpoLossConfig defaults() {
        return new DpoLossConfig("sigmoid", ImplicitReward.DEFAULT_BETA, 0.0, 0.5, 0.1, 0.0, "auto");
    }

    /**
     * What a KTO run is measured with on held-out pairs: DPO's sigmoid loss and implicit reward at the same β, on the
     * same summed or per-token ({@code length_normalize}) log-ratios, without the SFT term, so that its margins and
     * accuracy compare with a DPO run's of the same settings.
     */
    public DpoLossConfig pairMeasure() {
        return new DpoLossConfig("sigmoid", beta, 0.0, simpoGamma, orpoLambda, 0.0, reference, lengthNormalize,
                klBudget, stopOnKlBudget, klPrompts, klMaxNewTokens);
    }

    /** The budget on the held-out KL to the reference. */
    public KlBudget budget() {
        return KlBudget.of(klBudget, stopOnKlBudget);
    }

    public LossType lossType() {
        return LossType.parse(loss);
    }

    /** The reference mode, with {@code auto} resolved by the loss. */
    public ReferenceMode referenceMode() {
        return switch (reference) {
            case "model" -> ReferenceMode.MODEL;
            case "precomputed" -> ReferenceMode.PRECOMPUTED;
            case "none" -> ReferenceMode.NONE;
            default -> lossType().needsReference() ? ReferenceMode.MODEL : ReferenceMode.NONE;
        };
    }

    /**
     * What is wrong with training this loss on micro-batches of {@code batchSize} examples, or null: KTO's reference
     * point is the mean log-ratio of mismatched answers within a micro-batch, so it needs at least 2 (as TRL does).
     */
    public String batchSizeProblem(int batchSize) {
        return lossType().unpaired() && batchSize < 2 ? "train.batch_size: " + batchSize + " is too small for KTO, whose"
                + " reference point is the mean log-ratio of mismatched answers within a micro-batch; use at least 2"
                : null;
    }
}
