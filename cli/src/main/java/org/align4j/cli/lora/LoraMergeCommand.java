package org.align4j.cli.lora;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.align4j.cli.model.WeightDtype;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.KeyMapping;
import org.align4j.core.io.TensorDType;
import org.align4j.core.lora.LoraModel;
import org.align4j.core.lora.PeftAdapter;
import org.align4j.core.model.PretrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code align lora merge}: adds {@code (alpha/r)·B A} into the base weights and writes a plain Hugging Face
 * checkpoint that needs no PEFT to load.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge a LoRA adapter into its base model and write a merged Hugging Face checkpoint.")
public final class LoraMergeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The base model (HF directory).")
    Path model;

    @Option(names = "--adapter", required = true, paramLabel = "DIR",
            description = "The adapter: adapter_config.json + adapter_model.safetensors (align sft with lora, or PEFT).")
    Path adapter;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the merged model.")
    Path out;

    @Mixin WeightDtype dtype;

    @Override
    public Integer call() {
        TensorDType type = dtype.type();
        try (PretrainedModel base = HfCheckpoint.load(model)) {
            LoraModel lora = PeftAdapter.load(base.module(), KeyMapping.forConfig(base.config()), adapter);
            int layers = lora.layers().size();
            String desc = String.format("r=%d, alpha=%s", lora.config().r(), lora.config().alpha());
            lora.merge();
            HfCheckpoint.save(base, out, type, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES, dir -> {
                HfCheckpoint.copySideFiles(model, dir);
                HfCheckpoint.copySideFiles(adapter, dir); // the fine-tuned tokenizer files and chat template win
            });
            System.out.printf("merged %d LoRA adapters (%s) from %s into %s → %s%n", layers, desc, adapter, model, out);
        }
        return 0;
    }
}
