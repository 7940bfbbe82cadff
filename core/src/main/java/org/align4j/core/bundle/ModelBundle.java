package org.align4j.core.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.align4j.core.generate.GeneratedSequence;
import org.align4j.core.generate.SamplingConfig;
import org.align4j.core.generate.Generator;
import org.align4j.core.io.Closeables;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.KeyMapping;
import org.align4j.core.io.TensorDType;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.lora.LoraModel;
import org.align4j.core.lora.PeftAdapter;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.tokenizer.SpecialToken;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.train.ParameterGroups;
import org.align4j.core.train.TrainableParameter;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.collate.Collator;
import org.align4j.datasets.collate.SequenceEncoder;
import org.align4j.datasets.collate.TextEncoder;
import org.align4j.datasets.collate.TokenizedSequence;
import org.align4j.datasets.template.ChatTemplate;
import org.align4j.datasets.template.ChatTemplates;

/**
 * A causal LM as every stage uses it (SFT, DPO, PPO, eval, generate, score, feedback enqueue, the nightly
 * refresh): the weights of a checkpoint directory (or of a PEFT adapter merged into its base), its tokenizer,
 * its chat template, the one BOS rule ({@link BosRule}) inside its {@link #encoder()}, where its answers stop
 * ({@link StopTokens}), batched generation, scoring of sequences, optional LoRA adapters to train, how its
 * trained weights are saved and restored, and its frozen reference.
 *
 * <p>A directory without tokenizer.json still loads (token-id input only); {@link #tokenizer()} then says so.
 * Closing the bundle frees the weights, the adapters, a loaded reference copy and the native tokenizer.
 */
public final class ModelBundle implements AutoCloseable {
    private final Path dir;
    private final PretrainedModel model;
    private final TextTokenizer tokenizer;
    private final SequenceEncoder encoder;
    private final Collator collator;
    private final StopTokens stops;
    private LoraModel adapters;
    private PretrainedModel frozenCopy;

    private ModelBundle(Path dir, PretrainedModel model, TextTokenizer tokenizer, SequenceEncoder encoder,
            Collator collator, StopTokens stops) {
        this.dir = dir;
        this.model = model;
        this.tokenizer = tokenizer;
        this.encoder = encoder;
        this.collator = collator;
        this.stops = stops;
    }

    /** Loads {@code dir} with the template its tokenizer names (else chatml). */
    public static ModelBundle load(Path dir) {
        return load(dir, null);
    }

    /**
     * Loads the model, tokenizer and template of {@code dir}.
     *
     * @param templateName a built-in template that overrides the model's own, or null for the model's (ignored
     *     when the directory has no tokenizer: nothing is rendered then)
     */
    public static ModelBundle load(Path dir, String templateName) {
        PretrainedModel model = CheckpointDirectory.load(dir);
        TextTokenizer tok = null;
        try {
            Path tokDir = CheckpointDirectory.tokenizerDir(dir);
            if (Files.isRegularFile(tokDir.resolve("tokenizer.json"))) {
                tok = TextTokenizer.load(tokDir);
            }
            if (tok == null) {
                Integer eos = model.tokenId("eos_token_id");
                StopTokens stops = new StopTokens(eos == null ? List.of() : List.of(eos), List.of(), List.of());
                // right padding only follows real tokens and is masked: any id pads
                return new ModelBundle(dir, model, null, null, new Collator(0), stops);
            }
            if (tok.vocabSize() > model.config().vocabSize()) {
                throw new IllegalArgumentException(dir + ": the tokenizer has " + tok.vocabSize() + " tokens but the"
                        + " model only " + model.config().vocabSize() + "; use the model's own tokenizer");
            }
            SequenceEncoder enc = encoderFor(tok, templateName);
            return new ModelBundle(dir, model, tok, enc, new Collator(tok.special().padForCausalLm().id()),
                    StopTokens.of(tok, enc.template()));
        } catch (RuntimeException e) {
            throw Closeables.closeOnFailure(e, tok, model);
        }
    }

    /**
     * The chat template a model is used with, as {@link ChatTemplates#forModel} decides it: {@code name} when
     * given, else the built-in an align4j-trained model names, else the model's own Jinja template, else chatml.
     */
    public static ChatTemplate templateFor(TextTokenizer tok, String name) {
        return ChatTemplates.forModel(tok.directory(), name, tok.special().eos().map(SpecialToken::text).orElse(null));
    }

    /** Conversations → ids with {@code tok}: the template {@link #templateFor} chooses and the {@link BosRule}. */
    public static SequenceEncoder encoderFor(TextTokenizer tok, String templateName) {
        return new SequenceEncoder(templateFor(tok, templateName), TextEncoder.of(tok::encode), BosRule.bosId(tok));
    }

    /** The directory the bundle was loaded from. */
    public Path dir() {
        return dir;
    }

    /** The loaded checkpoint (config, module, token ids of config.json). */
    public PretrainedModel pretrained() {
        return model;
    }

    public CausalLanguageModel lm() {
        return model.causalLm();
    }

    /** Whether the directory had tokenizer files. */
    public boolean hasTokenizer() {
        return tokenizer != null;
    }

    public TextTokenizer tokenizer() {
        if (tokenizer == null) {
            throw new IllegalArgumentException(dir + ": no tokenizer.json, so text cannot be encoded; give token ids"
                    + " (\"input_ids\") or add the model's tokenizer files");
        }
        return tokenizer;
    }

    /** Conversations → ids, with the template and the BOS rule: the one encoder path of every stage. */
    public SequenceEncoder encoder() {
        tokenizer();
        return encoder;
    }

    public ChatTemplate template() {
        return encoder().template();
    }

    /** Pads with the model's pad id (its EOS when it declares none). */
    public Collator collator() {
        return collator;
    }

    public StopTokens stops() {
        return stops;
    }

    /** Generation settings that stop where an answer ends ({@link StopTokens}). */
    public SamplingConfig.Builder generation(int maxNewTokens) {
        return stops.generation(maxNewTokens);
    }

    /** The ids the model continues from to answer {@code conversation}: the template's generation prompt. */
    public int[] promptIds(List<ChatMessage> conversation) {
        return encoder().encodePrompt(conversation);
    }

    /** Completions of token-id prompts under {@code cfg}, {@code batchSize} prompts at a time, in order. */
    public List<GeneratedSequence> generate(List<int[]> prompts, SamplingConfig cfg, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        Generator generator = new Generator(lm(), tokenizer == null ? null : ids -> tokenizer.decode(ids, true));
        List<GeneratedSequence> out = new ArrayList<>(prompts.size());
        for (int from = 0; from < prompts.size(); from += batchSize) {
            out.addAll(generator.generate(prompts.subList(from, Math.min(prompts.size(), from + batchSize)), cfg));
        }
        return out;
    }

    /** The model's answers to conversations (each ending with a user turn), rendered with its template. */
    public List<GeneratedSequence> answer(List<List<ChatMessage>> conversations, SamplingConfig cfg, int batchSize) {
        return generate(conversations.stream().map(this::promptIds).toList(), cfg, batchSize);
    }

    /** Summed response-token log-probs of {@code seqs}, without gradients. */
    public ResponseSums responseSums(List<TokenizedSequence> seqs, int batchSize) {
        return ResponseSums.of(lm(), collator, seqs, batchSize);
    }

    /**
     * Attaches fresh LoRA adapters (Hu et al. 2021) to train; the base is frozen and the reference becomes
     * the model with its adapters off. The engine's random seed decides A's draw.
     */
    public LoraModel attachAdapters(LoraConfig config) {
        if (adapters != null) {
            throw new IllegalStateException(dir + ": adapters are attached already");
        }
        adapters = LoraModel.apply(model.module(), KeyMapping.forConfig(model.config()), config);
        return adapters;
    }

    /** The adapters being trained, if any. */
    public Optional<LoraModel> adapters() {
        return Optional.ofNullable(adapters);
    }

    /** What an optimizer updates: the adapters only, or every weight. */
    public List<TrainableParameter> trainableParameters() {
        return adapters != null ? adapters.trainableParameters() : ParameterGroups.of(model.module());
    }

    /**
     * Writes the trained weights with the tokenizer files into {@code out}: a PEFT adapter whose base is this
     * bundle's directory, or the whole model in {@code dtype}.
     */
    public void saveWeights(Path out, TensorDType dtype) throws IOException {
        if (adapters != null) {
            PeftAdapter.save(adapters, out, "CAUSAL_LM", dir.toAbsolutePath().normalize().toString());
        } else {
            HfCheckpoint.writeInto(model, out, dtype, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES);
        }
        HfCheckpoint.copySideFiles(CheckpointDirectory.tokenizerDir(dir), out);
    }

    /** Restores weights written by {@link #saveWeights} (resuming a run). */
    public void loadWeights(Path from) {
        if (adapters != null) {
            PeftAdapter.loadWeightsInto(adapters, from);
        } else {
            HfCheckpoint.loadWeights(model.module(), model.config(), from, model.manager());
        }
    }

    /**
     * The frozen reference: with adapters, this model with its adapters switched off (no second copy); without,
     * a second load of the starting weights, frozen, made on first use and freed with the bundle.
     */
    public FrozenReference reference() {
        if (adapters != null) {
            LoraModel lora = adapters;
            return new FrozenReference() {
                @Override
                public CausalLanguageModel model() {
                    return model.causalLm();
                }

                @Override
                public Scope activate() {
                    boolean was = lora.enabled();
                    lora.setEnabled(false);
                    return () -> lora.setEnabled(was);
                }

                @Override
                public boolean ownsWeights() {
                    return false;
                }
            };
        }
        if (frozenCopy == null) {
            frozenCopy = CheckpointDirectory.load(dir);
            frozenCopy.module().setTrainable(false);
        }
        return FrozenReference.of(frozenCopy.causalLm());
    }

    @Override
    public void close() {
        try (PretrainedModel m = model; TextTokenizer t = tokenizer; PretrainedModel ref = frozenCopy;
                LoraModel a = adapters) {
            // closed in reverse order: adapters, reference copy, tokenizer, model
        }
    }
}
