package org.align4j.dpo.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.align4j.core.generate.SamplingConfig;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.tokenizer.SpecialToken;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.datasets.collate.Collator;
import org.align4j.datasets.collate.SequenceEncoder;
import org.align4j.datasets.collate.TextEncoder;
import org.align4j.datasets.template.ChatTemplate;
import org.align4j.datasets.template.ChatTemplates;

/**
 * A causal LM loaded from a checkpoint directory together with its tokenizer, the chat template
 * its pairs are rendered with and the collator that pads with its pad id. Closing it frees the
 * weights and the native tokenizer.
 */
public final class PolicyModel implements AutoCloseable {
    private final Path dir;
    private final PretrainedModel model;
    private final TextTokenizer tokenizer;
    private final SequenceEncoder encoder;
    private final Collator collator;

    private PolicyModel(Path dir, PretrainedModel model, TextTokenizer tokenizer, SequenceEncoder encoder,
            Collator collator) {
        this.dir = dir;
        this.model = model;
        this.tokenizer = tokenizer;
        this.encoder = encoder;
        this.collator = collator;
    }

    /**
     * Loads the model and tokenizer in {@code dir}.
     *
     * @param templateName a built-in template, or null for the tokenizer's {@code align4j_template} (else chatml)
     */
    public static PolicyModel load(Path dir, String templateName) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such model directory; give a checkpoint directory in"
                    + " Hugging Face layout (config.json, model.safetensors, tokenizer.json)");
        }
        TextTokenizer tokenizer = TextTokenizer.load(dir);
        PretrainedModel model = null;
        try {
            model = HfCheckpoint.load(dir);
            model.causalLm(); // fails early, naming the model type, for a BERT directory
            if (tokenizer.vocabSize() > model.config().vocabSize()) {
                throw new IllegalArgumentException(dir + ": the tokenizer has " + tokenizer.vocabSize() + " tokens but the"
                        + " model only " + model.config().vocabSize() + "; use the model's own tokenizer");
            }
            SequenceEncoder encoder = encoderFor(tokenizer, templateName);
            Collator collator = new Collator(tokenizer.special().padForCausalLm().id());
            return new PolicyModel(dir, model, tokenizer, encoder, collator);
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    /**
     * Renders conversations with a chat template and {@code tokenizer}, as training did.
     *
     * @param templateName a built-in template, or null for the tokenizer's {@code align4j_template} (else chatml)
     */
    public static SequenceEncoder encoderFor(TextTokenizer tokenizer, String templateName) {
        String name = templateName != null ? templateName : tokenizer.settings().templateName().orElse("chatml");
        String eosText = tokenizer.special().eos().map(SpecialToken::text).orElse(null);
        ChatTemplate template = ChatTemplates.byName(name, eosText);
        return new SequenceEncoder(template, TextEncoder.of(tokenizer::encode), bosId(tokenizer));
    }

    /**
     * Generation settings that stop at an EOS of the tokenizer or where the template ends an answer
     * (ChatML's {@code <|im_end|>} token, or its text when the vocabulary lacks it).
     */
    public static SamplingConfig.Builder generation(TextTokenizer tokenizer, SequenceEncoder encoder,
            int maxNewTokens) {
        String endOfTurn = encoder.template().endOfTurn();
        OptionalInt endId = tokenizer.tokenId(endOfTurn);
        SamplingConfig.Builder b = SamplingConfig.builder().maxNewTokens(maxNewTokens)
                .eosIds(tokenizer.special().eosIds());
        if (endId.isPresent()) {
            b.stopTokenIds(List.of(endId.getAsInt()));
        } else if (!endOfTurn.isBlank()) {
            b.stopStrings(List.of(endOfTurn));
        }
        return b;
    }

    /** {@link #generation(TextTokenizer, SequenceEncoder, int)} for this policy. */
    public SamplingConfig.Builder generation(int maxNewTokens) {
        return generation(tokenizer, encoder, maxNewTokens);
    }

    /** The BOS id when the tokenizer itself puts one in front of a text (Llama), else null (GPT-2, Qwen). */
    static Integer bosId(TextTokenizer tokenizer) {
        if (tokenizer.special().bos().isEmpty()) {
            return null;
        }
        int bos = tokenizer.special().bos().get().id();
        int[] ids = tokenizer.encodeWithSpecialTokens("a");
        return ids.length > 0 && ids[0] == bos ? bos : null;
    }

    public Path dir() {
        return dir;
    }

    public PretrainedModel pretrained() {
        return model;
    }

    public CausalLanguageModel lm() {
        return model.causalLm();
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    public SequenceEncoder encoder() {
        return encoder;
    }

    public Collator collator() {
        return collator;
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            tokenizer.close();
        }
    }
}
