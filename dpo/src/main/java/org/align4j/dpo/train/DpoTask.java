package org.align4j.dpo.train;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.io.TensorDType;
import org.align4j.core.lora.LoraModel;
import org.align4j.core.nn.NoGrad;
import org.align4j.core.train.KlBudget;
import org.align4j.core.train.LossOutput;
import org.align4j.core.train.MicroBatch;
import org.align4j.core.train.TrainableParameter;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.train.TrainingTask;
import org.align4j.datasets.collate.PairBatch;
import org.align4j.datasets.template.ChatTemplate;
import org.align4j.datasets.template.ChatTemplates;
import org.align4j.dpo.data.EncodedPairs;
import org.align4j.dpo.data.ExampleLabels;
import org.align4j.dpo.reference.DataSplit;
import org.align4j.dpo.reference.ReferenceLogProbs;
import org.align4j.dpo.reference.ReferenceSums;

/**
 * DPO (and its variants) as a {@link TrainingTask}: each micro-batch is one forward pass of the
 * policy over the stacked chosen and rejected rows, the reference log-probs come from a frozen model
 * or a cache, and the loss is {@link PreferenceObjective}'s. Logs TRL's metrics (rewards/chosen,
 * rewards/rejected, rewards/margins, rewards/accuracies, logps/chosen, logps/rejected) on training
 * and held-out pairs, plus the held-out preference accuracy and, with a {@link HeldOutKl}, the KL to the
 * reference on answers sampled to held-out prompts ({@code eval_kl}, judged by the run's {@link KlBudget}).
 *
 * <p>A policy that cannot learn is refused rather than trained at a flat loss of ln 2: one without
 * trainable parameters at construction, one whose log-probs carry no autograd graph (detached or
 * run without gradients) at the first step.
 */
public final class DpoTask implements TrainingTask {
    private final ModelBundle policy;
    private final LoraModel lora;
    private final EncodedPairs train;
    private final EncodedPairs eval;
    private final ReferenceLogProbs reference;
    private final PreferenceObjective objective;
    private final PreferenceObjective evalObjective;
    private final ExampleLabels trainLabels;
    private final int evalBatchSize;
    private final List<TrainableParameter> trainable;
    private final HeldOutKl heldOutKl;
    private final KlBudget budget;
    private boolean training = true;

    /**
     * @param policy the policy; with adapters attached only they train (the base frozen), else every weight
     * @param reference the reference log-probs, or null for a reference-free loss
     * @param evalBatchSize pairs per evaluation forward pass
     */
    public DpoTask(ModelBundle policy, EncodedPairs train, EncodedPairs eval,
            ReferenceLogProbs reference, PreferenceObjective objective, int evalBatchSize) {
        this(policy, train, eval, reference, objective, objective, null, evalBatchSize);
    }

    /**
     * @param evalObjective the loss on the held-out pairs (KTO runs are measured with DPO's sigmoid loss and implicit
     *     rewards at the same β, so that they compare with DPO runs)
     * @param trainLabels the labels and weights of each training row (KTO; weighted pairs), or null (every weight 1)
     */
    public DpoTask(ModelBundle policy, EncodedPairs train, EncodedPairs eval,
            ReferenceLogProbs reference, PreferenceObjective objective, PreferenceObjective evalObjective,
            ExampleLabels trainLabels, int evalBatchSize) {
        this(policy, train, eval, reference, objective, evalObjective, trainLabels, evalBatchSize, null,
                KlBudget.none());
    }

    /**
     * @param heldOutKl measures {@code eval_kl} at each evaluation, or null (not measured)
     * @param budget the budget on {@code eval_kl} (none without a measurement)
     */
    public DpoTask(ModelBundle policy, EncodedPairs train, EncodedPairs eval,
            ReferenceLogProbs reference, PreferenceObjective objective, PreferenceObjective evalObjective,
            ExampleLabels trainLabels, int evalBatchSize, HeldOutKl heldOutKl, KlBudget budget) {
        if (budget.isSet() && heldOutKl == null) {
            throw new IllegalArgumentException("dpo.kl_budget: " + budget.nats() + " needs the KL measured on held-out"
                    + " prompts: give held-out pairs and kl_prompts > 0");
        }
        this.heldOutKl = heldOutKl;
        this.budget = budget;
        if (train.empty()) {
            throw new IllegalArgumentException("no training pairs: give data.train_files or data.db with pairs");
        }
        if (objective.config().lossType().needsReference() && reference == null) {
            throw new IllegalArgumentException("dpo.reference: the " + objective.config().loss()
                    + " loss needs a reference (model or precomputed)");
        }
        this.policy = policy;
        this.lora = policy.adapters().orElse(null);
        this.train = train;
        this.eval = eval;
        this.reference = reference;
        this.objective = objective;
        this.evalObjective = evalObjective;
        this.trainLabels = trainLabels;
        this.evalBatchSize = evalBatchSize;
        if (objective.config().lossType().unpaired() && trainLabels == null) {
            throw new IllegalArgumentException("the kto loss trains on unpaired examples: give their labels");
        }
        this.trainable = policy.trainableParameters();
        if (trainable.isEmpty()) {
            throw new IllegalStateException("the policy in " + policy.dir() + " has no trainable parameter (it is"
                    + " frozen): DPO would sit at a loss of ln 2 with zero gradients; train an unfrozen policy");
        }
    }

    @Override
    public int trainSize() {
        return train.size();
    }

    @Override
    public MicroBatch collate(int[] indices) {
        return new PairMicroBatch(policy.collator().pairs(train.select(indices), indices), indices);
    }

    @Override
    public LossOutput loss(NDManager step, MicroBatch batch) {
        PairMicroBatch b = (PairMicroBatch) batch;
        requireGraph();
        PairLogProbs lp = PairLogProbs.of(policy.lm(), step, b.batch(), training);
        ReferenceSums ref = reference == null ? null : reference.sums(step, DataSplit.TRAIN, b.indices(), b.batch());
        PreferenceObjective.Result r = objective.compute(lp, ref,
                trainLabels == null ? null : trainLabels.select(b.indices()));
        Map<String, Double> metrics = r.metricSums();
        metrics.remove("loss"); // the loop logs the loss itself
        return new LossOutput(r.losses().sum(), metrics);
    }

    /**
     * Fails when no gradient can reach the policy: the forward pass runs with autograd off, or no
     * trainable parameter's array requires a gradient (frozen, or detached by a load that replaced the
     * arrays while the parameters still say they train). Either way the loss would sit at ln 2.
     */
    private void requireGraph() {
        if (!JniUtils.isGradMode()) {
            throw new IllegalStateException("the policy's forward pass runs without autograd (inside NoGrad): its"
                    + " log-probs carry no gradient and the DPO loss would stay at ln 2 = 0.693 with zero gradients;"
                    + " run the training step outside NoGrad");
        }
        if (trainable.stream().noneMatch(t -> t.parameter().getArray().hasGradient())) {
            throw new IllegalStateException("none of the policy's parameter arrays requires a gradient (frozen or"
                    + " detached): the DPO loss would stay at ln 2 = 0.693 with zero gradients; unfreeze the policy"
                    + " (Module.setTrainable(true)) after loading it");
        }
    }

    @Override
    public boolean hasEvaluation() {
        return !eval.empty();
    }

    @Override
    public Map<String, Double> evaluate() {
        Map<String, Double> sums = new LinkedHashMap<>();
        try (NoGrad ignored = NoGrad.enter()) {
            for (int from = 0; from < eval.size(); from += evalBatchSize) {
                int[] idx = IntStream.range(from, Math.min(eval.size(), from + evalBatchSize)).toArray();
                try (NDManager step = NDManager.newBaseManager()) {
                    PairBatch pb = policy.collator().pairs(eval.select(idx), idx);
                    PairLogProbs lp = PairLogProbs.of(policy.lm(), step, pb, false);
                    ReferenceSums ref = reference == null ? null : reference.sums(step, DataSplit.EVAL, idx, pb);
                    evalObjective.compute(lp, ref).metricSums().forEach((k, v) -> sums.merge(k, v, Double::sum));
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        double n = eval.size();
        out.put("eval_loss", sums.remove("loss") / n);
        sums.forEach((k, v) -> out.put("eval_" + k, v / n));
        if (heldOutKl != null) {
            out.put(KlBudget.METRIC, heldOutKl.measure());
        }
        return out;
    }

    @Override
    public KlBudget klBudget() {
        return budget;
    }

    @Override
    public java.util.Collection<ai.djl.nn.Parameter> computeWeights() {
        java.util.List<ai.djl.nn.Parameter> all = new java.util.ArrayList<>(policy.lm().namedParameters().values());
        if (reference != null) {
            all.addAll(reference.computeWeights());
        }
        return all;
    }

    @Override
    public List<TrainableParameter> trainableParameters() {
        return trainable;
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
        if (lora != null) {
            lora.setTraining(training);
        }
    }

    @Override
    public void saveWeights(Path dir) throws IOException {
        policy.saveWeights(dir, TensorDType.F32);
    }

    @Override
    public void loadWeights(Path dir) {
        policy.loadWeights(dir);
    }

    /** The weights (a full model, or the PEFT adapter with LoRA), tokenizer files and the chat template. */
    @Override
    public void saveFinal(Path dir) throws IOException {
        saveWeights(dir);
        ChatTemplate t = policy.encoder().template();
        TokenizerFiles.writeChatTemplate(dir, t.jinja(), ChatTemplates.savedName(t));
    }
}
