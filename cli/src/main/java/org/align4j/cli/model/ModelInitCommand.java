package org.align4j.cli.model;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.TensorDType;
import org.align4j.core.model.ModelConfig;
import org.align4j.core.model.ModelPresets;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.tokenizer.SpecialTokens;
import org.align4j.core.tokenizer.TextTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code align model init}: a randomly initialised model in Hugging Face layout. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a randomly initialised model (HF layout) to start training from scratch.")
public final class ModelInitCommand implements Callable<Integer> {
    @Option(names = "--arch", required = true, description = "gpt2, llama, qwen2 or bert")
    String arch;

    @Option(names = "--preset", defaultValue = "tiny", description = "tiny or small (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--tokenizer", description = "a directory with tokenizer.json: sets the vocabulary size and "
            + "special token ids (resolved from its tokenizer_config.json, special_tokens_map.json and"
            + " generation_config.json as training resolves them), and is copied into the model directory")
    Path tokenizer;

    @Option(names = "--vocab-size", description = "vocabulary size when no --tokenizer is given (default: 8192)")
    Integer vocabSize;

    @Override
    public Integer call() throws Exception {
        ObjectNode extra = new ObjectMapper().createObjectNode();
        int vocab;
        if (tokenizer != null) {
            try (TextTokenizer tok = TextTokenizer.load(tokenizer)) {
                vocab = tok.vocabSize();
                writeTokenIds(tok.special(), extra);
            }
            if (vocabSize != null && vocabSize != vocab) {
                throw new IllegalArgumentException("--vocab-size " + vocabSize + " disagrees with the tokenizer in "
                        + tokenizer + " (" + vocab + " tokens); drop --vocab-size");
            }
        } else {
            vocab = vocabSize == null ? 8192 : vocabSize;
        }
        ModelConfig config = ModelPresets.of(arch, preset, vocab);
        Engine.getInstance().setRandomSeed((int) seed);
        try (PretrainedModel model = HfCheckpoint.initialize(config, extra)) {
            HfCheckpoint.save(model, out, TensorDType.F32, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES,
                    tokenizer == null ? null : dir -> HfCheckpoint.copySideFiles(tokenizer, dir));
            long params = model.module().namedParameters().values().stream()
                    .mapToLong(p -> p.getArray().size()).sum();
            System.out.printf("wrote %s %s model (%,d parameters, vocab %d) to %s%n", preset, arch, params, vocab, out);
        }
        return 0;
    }

    /**
     * The special token ids a config.json carries, as the tokenizer resolves them ({@link SpecialTokens}): bos, the
     * primary eos and the declared pad; a role the tokenizer does not declare is left out.
     */
    private static void writeTokenIds(SpecialTokens special, ObjectNode config) {
        special.bos().ifPresent(t -> config.put("bos_token_id", t.id()));
        special.eos().ifPresent(t -> config.put("eos_token_id", t.id()));
        special.pad().ifPresent(t -> config.put("pad_token_id", t.id()));
    }
}
