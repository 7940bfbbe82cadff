package org.align4j.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a stage (SFT, reward model, DPO) gives {@link TrainingLoop}: its data, its loss, its
 * trainable parameters and how its weights are saved. The loop owns everything else: data order,
 * gradient accumulation, clipping, AdamW, the schedule, evaluation cadence, early stopping,
 * checkpoints, resume, metrics and Ctrl-C.
 */
public interface TrainingTask {
    /** The number of training examples. */
    int trainSize();

    /** Collates training examples {@code indices} into a micro-batch (Java memory only). */
    MicroBatch collate(int[] indices);

    /**
     * The summed loss of a micro-batch in training mode, inside a gradient collector. Every native
     * array must be created on {@code step} (or be a parameter): it is closed after the backward pass.
     */
    LossOutput loss(NDManager step, MicroBatch batch);

    /** Whether {@link #evaluate} has data to evaluate. */
    boolean hasEvaluation();

    /**
     * Metrics on the validation data without gradients, including {@code eval_loss} (what early
     * stopping watches). Called only when {@link #hasEvaluation}.
     */
    Map<String, Double> evaluate();

    /** The parameters AdamW updates, with their decay groups (see {@link ParameterGroups}). */
    List<TrainableParameter> trainableParameters();

    /**
     * Every weight the forward pass computes with (the trained model's, frozen ones included, and a frozen
     * reference model's): in fp16 training they are held in fp16. Empty (the default) means the stage
     * trains in fp32 only.
     */
    default Collection<Parameter> computeWeights() {
        return List.of();
    }

    /** Switches dropout (model and adapters) on for training or off for evaluation. */
    void setTraining(boolean training);

    /**
     * The budget on {@link KlBudget#METRIC}, which {@link #evaluate} then reports: DPO's KL to its reference on
     * held-out prompts. None by default (SFT, the reward model).
     */
    default KlBudget klBudget() {
        return KlBudget.none();
    }

    /** Writes the trained weights (an HF model or a PEFT adapter) into a checkpoint directory. */
    void saveWeights(Path dir) throws IOException;

    /** Restores the weights written by {@link #saveWeights} from {@code dir}. */
    void loadWeights(Path dir);

    /** Writes the finished model, ready to use (weights plus tokenizer and template files). */
    void saveFinal(Path dir) throws IOException;
}
