package org.align4j.ppo;

import java.nio.file.Path;
import java.util.List;
import org.align4j.core.model.BertConfig;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.testing.TinyCheckpoints;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.tokenizer.TokenizerKind;
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
        Path tokDir = TinyCheckpoints.tokenizer(dir.resolveSibling(dir.getFileName() + "-tok"), TokenizerKind.BPE, 300,
                CORPUS);
        TokenizerFiles.writeChatTemplate(tokDir, ChatTemplates.chatml().jinja(), "chatml");
        return TinyCheckpoints.model(dir, tokDir, vocab -> Gpt2Config.of(vocab, 128, DIM, 1, 2), null, seed);
    }

    /** A one-layer BERT regressor (d 16, random weights) with a WordPiece tokenizer and score statistics. */
    public static Path rewardModel(Path dir, int seed) {
        Path tokDir = TinyCheckpoints.tokenizer(dir.resolveSibling(dir.getFileName() + "-tok"), TokenizerKind.WORDPIECE,
                120, CORPUS);
        TinyCheckpoints.model(dir, tokDir,
                vocab -> new BertConfig(vocab, 16, 1, 2, 32, "gelu", 0, 0, 128, 2, 1e-12, 0.5, 1, null), null, seed);
        new RewardStats(0.1, 0.5, 100).write(dir);
        return dir;
    }
}
