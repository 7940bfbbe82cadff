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
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.bundle.StopTokens;
import org.align4j.core.io.TensorDType;
import org.align4j.core.lora.LoraModel;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.train.LossOutput;
import org.align4j.core.train.MicroBatch;
import org.align4j.core.nn.NoGrad;
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
    private final ModelBundle model;
    private final LoraModel lora;
    private final SftData data;
    private final Collator collator;
    private final int evalBatchSize;
    private final TensorDType finalDtype;

    /**
     * @param model the model; with adapters attached only they train
     */
    SftTask(ModelBundle model, SftData data, int evalBatchSize, TensorDType finalDtype) {
        this.model = model;
        this.lora = model.adapters().orElse(null);
        this.data = data;
        this.collator = model.collator();
        this.evalBatchSize = evalBatchSize;
        this.finalDtype = finalDtype;
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
        NDArray logits = model.lm().forward(ids, training); // (B, T, V)
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
        return model.pretrained().module().namedParameters().values(); // LoRA adapters are trainable parameters: added by the loop
    }

    @Override
    public List<TrainableParameter> trainableParameters() {
        return model.trainableParameters();
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
        model.loadWeights(dir);
    }

    @Override
    public void saveFinal(Path dir) throws IOException {
        write(dir, finalDtype);
    }

    private void write(Path dir, TensorDType dtype) throws IOException {
        model.saveWeights(dir, dtype);
        ChatTemplate t = data.template();
        TokenizerFiles.writeChatTemplate(dir, t.jinja(), ChatTemplates.savedName(t));
        StopTokens stops = model.stops();
        if (!stops.stopTokenIds().isEmpty()) { // the end of turn is not an EOS: generation must stop there too
            GenerationConfigFile.addStopToken(dir, stops.stopTokenIds().get(0), stops.eosIds());
        }
    }
}
