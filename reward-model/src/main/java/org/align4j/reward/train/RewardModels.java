package org.align4j.reward.train;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.core.io.Closeables;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.BertConfig;
import org.align4j.core.model.ModelPresets;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.tokenizer.TokenizerKind;
import org.align4j.core.tokenizer.TokenizerTrainer;
import org.align4j.core.tokenizer.TrainerConfig;
import org.align4j.reward.config.ModelInit;
import org.align4j.reward.config.RewardTrainingConfig;
import org.align4j.reward.data.RewardExamples;

/**
 * Builds the reward model a run starts from, with its tokenizer: a BERT checkpoint ({@code model.path},
 * tokenizer from the same directory) or a fresh preset ({@code model.init}) whose tokenizer is given or,
 * when not, trained on the training split.
 */
public final class RewardModels {
    /** The folder of the output directory a trained tokenizer is saved in. */
    public static final String TOKENIZER_DIR = "tokenizer";

    /**
     * A model and its tokenizer, owned by the caller.
     *
     * @param tokenizerDir the directory the tokenizer files are copied from when the model is saved
     */
    public record Loaded(PretrainedModel model, TextTokenizer tokenizer, Path tokenizerDir) implements AutoCloseable {
        @Override
        public void close() {
            try {
                tokenizer.close();
            } finally {
                model.close();
            }
        }
    }

    private RewardModels() {}

    /**
     * @param train the training examples (the corpus of a trained tokenizer)
     * @param outputDir the run's directory ({@code tokenizer/} goes there)
     * @param resume reuse the tokenizer trained by the run being resumed
     */
    public static Loaded prepare(RewardTrainingConfig cfg, RewardExamples train, Path outputDir, boolean resume,
            PrintStream out) {
        if (cfg.model().path() != null) {
            return fromCheckpoint(Path.of(cfg.model().path()), cfg.data().maxLength(), out);
        }
        ModelInit init = cfg.model().init();
        Path tokDir = init.tokenizer() != null ? Path.of(init.tokenizer())
                : trainedTokenizer(init, train, outputDir.resolve(TOKENIZER_DIR), resume, out);
        TextTokenizer tok = TextTokenizer.load(tokDir);
        try {
            BertConfig config = (BertConfig) ModelPresets.of("bert", init.preset(), tok.vocabSize());
            checkLength(cfg.data().maxLength(), config, "model.init.preset " + init.preset());
            ObjectNode extra = JsonNodeFactory.instance.objectNode();
            extra.put("pad_token_id", tok.special().requirePad().id());
            Engine.getInstance().setRandomSeed((int) cfg.train().seed());
            PretrainedModel model = HfCheckpoint.initialize(config, extra);
            out.printf("model: a fresh %s BERT (hidden %d, %d layers, %,d parameters), vocabulary %d from %s%n",
                    init.preset(), config.hiddenSize(), config.numLayers(), parameters(model), tok.vocabSize(), tokDir);
            return new Loaded(model, tok, tokDir);
        } catch (RuntimeException e) {
            tok.close();
            throw e;
        }
    }

    /** A BERT checkpoint with the tokenizer saved beside it. */
    static Loaded fromCheckpoint(Path dir, int maxLength, PrintStream out) {
        PretrainedModel model = HfCheckpoint.load(dir);
        TextTokenizer tok = null;
        try {
            BertConfig config = model.sequenceClassifier().config();
            if (config.numLabels() != 1) {
                throw new IllegalArgumentException("model.path: " + dir + " has num_labels " + config.numLabels()
                        + "; a reward model has one output: start from a BERT encoder without a classification head, or"
                        + " a reward model");
            }
            checkLength(maxLength, config, "model.path " + dir);
            if (!Files.isRegularFile(dir.resolve(TokenizerFiles.TOKENIZER_JSON))) {
                throw new IllegalArgumentException("model.path: " + dir + " has no tokenizer.json; copy the tokenizer "
                        + "the model was trained with into it (a Hugging Face BERT download has one)");
            }
            tok = TextTokenizer.load(dir);
            if (tok.vocabSize() > config.vocabSize()) {
                throw new IllegalArgumentException("model.path: the tokenizer in " + dir + " has " + tok.vocabSize()
                        + " tokens but the model's vocab_size is " + config.vocabSize() + "; they do not belong together");
            }
            out.printf("model: %s (hidden %d, %d layers, %,d parameters)%n", dir, config.hiddenSize(),
                    config.numLayers(), parameters(model));
            return new Loaded(model, tok, dir);
        } catch (RuntimeException e) {
            throw Closeables.closeOnFailure(e, tok, model);
        }
    }

    /**
     * Trains a BERT-style WordPiece tokenizer (lower-cased, accents stripped, CJK characters split one by
     * one, pairs seen fewer than twice never merged) of {@code init.vocab_size} tokens on every prompt and
     * answer of the training split, unless a resumed run already has one.
     */
    static Path trainedTokenizer(ModelInit init, RewardExamples train, Path dir, boolean resume, PrintStream out) {
        if (resume && Files.isRegularFile(dir.resolve(TokenizerFiles.TOKENIZER_JSON))) {
            out.println("tokenizer: reusing " + dir + " of the run being resumed");
            return dir;
        }
        TrainerConfig tc = TrainerConfig.defaults(TokenizerKind.WORDPIECE, init.vocabSize());
        var trained = TokenizerTrainer.train(tc, train.texts());
        TokenizerFiles.write(dir, trained);
        out.printf("tokenizer: trained WordPiece (%d tokens) on the %d training texts, saved in %s%n",
                trained.vocabSize(), train.texts().size(), dir);
        return dir;
    }

    private static void checkLength(int maxLength, BertConfig config, String what) {
        if (maxLength > config.maxPositions()) {
            throw new IllegalArgumentException("data.max_length: " + maxLength + " exceeds the " + config.maxPositions()
                    + " positions of " + what + "; lower max_length");
        }
    }

    private static long parameters(PretrainedModel m) {
        return m.module().namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }
}
