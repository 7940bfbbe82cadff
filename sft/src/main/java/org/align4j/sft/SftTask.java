package org.align4j.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.TensorDType;
import org.align4j.core.lora.LoraModel;
import org.align4j.core.lora.PeftAdapter;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.train.LossOutput;
import org.align4j.core.train.MicroBatch;
import org.align4j.core.nn.NoGrad;
import org.align4j.core.train.ParameterGroups;
import org.align4j.core.train.TrainableParameter;
import org.align4j.core.train.TrainingTask;
import org.align4j.datasets.collate.Collator;
import org.align4j.datasets.collate.TokenizedSequence;
import org.align4j.datasets.template.ChatTemplate;
import org.align4j.datasets.template.ChatTemplates;

/**
 * Supervised fine-tuning as a {@link TrainingTask}: right-padded batches of templated examples, the
 * masked NLL of {@link SftLoss}, validation loss and perplexity, and saving either the whole model
 * (HF layout) or, with LoRA, the PEFT adapter; tokenizer files and the chat template go along.
 */
final class SftTask implements TrainingTask {
    private final PretrainedModel model;
    private final LoraModel lora;
    private final SftData data;
    private final Collator collator;
    private final int evalBatchSize;
    private final Path modelDir;
    private final TensorDType finalDtype;
    private Integer endOfTurnId;
    private List<Integer> eosIds = List.of();

    SftTask(PretrainedModel model, LoraModel lora, SftData data, int padId, int evalBatchSize, Path modelDir,
            TensorDType finalDtype) {
        this.model = model;
        this.lora = lora;
        this.data = data;
        this.collator = new Collator(padId);
        this.evalBatchSize = evalBatchSize;
        this.modelDir = modelDir;
        this.finalDtype = finalDtype;
    }

    /** Generation should stop at {@code endOfTurnId} (the template's end of answer) besides {@code eosIds}. */
    void stopAt(Integer endOfTurnId, List<Integer> eosIds) {
        this.endOfTurnId = endOfTurnId;
        this.eosIds = List.copyOf(eosIds);
    }

    @Override
    public int trainSize() {
        return data.train().size();
    }

    @Override
    public MicroBatch collate(int[] indices) {
        return new SftBatch(collate(data.train(), indices));
    }

    private org.align4j.datasets.collate.Batch collate(List<TokenizedSequence> from, int[] indices) {
        List<TokenizedSequence> rows = new ArrayList<>(indices.length);
        for (int i : indices) {
            rows.add(from.get(i));
        }
        return collator.rightPadded(rows, indices);
    }

    /** The summed NLL of a batch: right padding needs no attention mask (pads follow every real token). */
    private NDArray nll(NDManager m, SftBatch b, boolean training) {
        NDArray ids = b.ids(m);
        NDArray logits = model.causalLm().forward(ids, training); // (B, T, V)
        return SftLoss.nllSum(logits, ids, b.lossMask(m));
    }

    @Override
    public LossOutput loss(NDManager step, MicroBatch batch) {
        return new LossOutput(nll(step, (SftBatch) batch, true));
    }

    @Override
    public boolean hasEvaluation() {
        return !data.validation().isEmpty();
    }

    @Override
    public Map<String, Double> evaluate() {
        double sum = 0;
        double count = 0;
        int n = data.validation().size();
        try (NoGrad ng = NoGrad.enter()) {
            for (int from = 0; from < n; from += evalBatchSize) {
                int[] idx = IntStream.range(from, Math.min(n, from + evalBatchSize)).toArray();
                SftBatch b = new SftBatch(collate(data.validation(), idx));
                try (NDManager m = NDManager.newBaseManager()) {
                    sum += nll(m, b, false).getFloat();
                }
                count += b.weight();
            }
        }
        double loss = sum / Math.max(count, 1);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("eval_loss", loss);
        out.put("eval_ppl", Math.exp(loss));
        return out;
    }

    @Override
    public java.util.Collection<ai.djl.nn.Parameter> computeWeights() {
        return model.module().namedParameters().values(); // LoRA adapters are trainable parameters: added by the loop
    }

    @Override
    public List<TrainableParameter> trainableParameters() {
        return lora != null ? lora.trainableParameters() : ParameterGroups.of(model.module());
    }

    @Override
    public void setTraining(boolean training) {
        if (lora != null) {
            lora.setTraining(training);
        }
    }

    @Override
    public void saveWeights(Path dir) throws IOException {
        write(dir, TensorDType.F32);
    }

    @Override
    public void loadWeights(Path dir) {
        if (lora != null) {
            PeftAdapter.loadWeightsInto(lora, dir);
        } else {
            HfCheckpoint.loadWeights(model.module(), model.config(), dir, model.manager());
        }
    }

    @Override
    public void saveFinal(Path dir) throws IOException {
        write(dir, finalDtype);
    }

    private void write(Path dir, TensorDType dtype) throws IOException {
        if (lora != null) {
            PeftAdapter.save(lora, dir, "CAUSAL_LM", modelDir.toAbsolutePath().normalize().toString());
        } else {
            HfCheckpoint.writeInto(model, dir, dtype, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES);
        }
        HfCheckpoint.copySideFiles(modelDir, dir);
        ChatTemplate t = data.template();
        TokenizerFiles.writeChatTemplate(dir, t.jinja(), ChatTemplates.savedName(t));
        if (endOfTurnId != null && !eosIds.contains(endOfTurnId)) {
            GenerationConfigFile.addStopToken(dir, endOfTurnId, eosIds);
        }
    }
}
