package org.align4j.ppo;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.TensorDType;
import org.align4j.core.model.BertConfig;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.tokenizer.TokenizerKind;
import org.align4j.core.tokenizer.TokenizerTrainer;
import org.align4j.core.tokenizer.TrainerConfig;
import org.align4j.datasets.template.ChatTemplates;
import org.align4j.reward.RewardStats;

/** Tiny policies and reward models saved in Hugging Face layout, for tests that run in seconds. */
public final class TinyModels {
    /** Short texts the tokenizers are trained on. */
    public static final List<String> CORPUS = List.of("my child has a high fever", "please see a doctor today",
            "chest pain needs emergency care", "rest and drink water", "what helps a sore throat",
            "take the tablets after food", "call an ambulance now");

    /** The hidden size of {@link #policy}. */
    public static final int DIM = 16;

    private TinyModels() {}

    /**
     * A one-layer GPT-2 (d 16) with a byte-level BPE tokenizer (300 tokens, eos {@code <|endoftext|>}, pad
     * {@code <|pad|>}, ChatML markers), named as fine-tuned with the chatml template.
     */
    public static Path policy(Path dir, int seed) {
        Path tokDir = dir.resolveSibling(dir.getFileName() + "-tok");
        TokenizerFiles.write(tokDir, TokenizerTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 300), CORPUS));
        TokenizerFiles.writeChatTemplate(tokDir, ChatTemplates.chatml().jinja(), "chatml");
        int vocab;
        try (TextTokenizer t = TextTokenizer.load(tokDir)) {
            vocab = t.vocabSize();
        }
        Engine.getInstance().setRandomSeed(seed);
        try (PretrainedModel m = HfCheckpoint.initialize(Gpt2Config.of(vocab, 128, DIM, 1, 2), null)) {
            HfCheckpoint.save(m, dir, TensorDType.F32, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES,
                    d -> HfCheckpoint.copySideFiles(tokDir, d));
        }
        return dir;
    }

    /** A one-layer BERT regressor (d 16, random weights) with a WordPiece tokenizer and score statistics. */
    public static Path rewardModel(Path dir, int seed) {
        Path tokDir = dir.resolveSibling(dir.getFileName() + "-tok");
        TokenizerFiles.write(tokDir, TokenizerTrainer.train(TrainerConfig.defaults(TokenizerKind.WORDPIECE, 120), CORPUS));
        int vocab;
        try (TextTokenizer t = TextTokenizer.load(tokDir)) {
            vocab = t.vocabSize();
        }
        Engine.getInstance().setRandomSeed(seed);
        BertConfig config = new BertConfig(vocab, 16, 1, 2, 32, "gelu", 0, 0, 128, 2, 1e-12, 0.5, 1, null);
        try (PretrainedModel m = HfCheckpoint.initialize(config, null)) {
            HfCheckpoint.save(m, dir, TensorDType.F32, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES, d -> {
                HfCheckpoint.copySideFiles(tokDir, d);
                new RewardStats(0.1, 0.5, 100).write(d);
            });
        }
        return dir;
    }
}
