package org.align4j.ppo.train;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.model.ModelConfig;
import org.align4j.core.tokenizer.SpecialToken;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.datasets.collate.SequenceEncoder;
import org.align4j.datasets.collate.TextEncoder;
import org.align4j.datasets.template.ChatTemplate;
import org.align4j.datasets.template.ChatTemplates;
import org.align4j.ppo.config.EvalConfig;
import org.align4j.ppo.config.GenerationSettings;
import org.align4j.ppo.config.PromptsConfig;
import org.align4j.ppo.model.FullPolicy;
import org.align4j.ppo.model.LoraPolicy;
import org.align4j.ppo.model.Policy;
import org.align4j.ppo.rollout.GeneratorSampler;
import org.align4j.ppo.rollout.PromptSet;

/**
 * What every RL trainer (PPO, GRPO, RLOO) loads on the policy's side: the policy (full or LoRA, with its
 * reference), its tokenizer and pad id, the sampler, and the training and held-out prompts rendered with the
 * chat template. Closing it frees the policy and the tokenizer.
 */
public record PolicyInputs(Policy policy, TextTokenizer tokenizer, int pad, GeneratorSampler sampler,
        PromptSet trainPrompts, PromptSet evalPrompts) implements AutoCloseable {

    /**
     * @param policyDir the starting policy (HF layout, with its tokenizer)
     * @param lora LoRA settings, or null for a full fine-tune
     * @param seed seeds the engine before the policy loads (LoRA's A draw)
     */
    public static PolicyInputs load(String policyDir, LoraConfig lora, PromptsConfig prompts, GenerationSettings generation,
            EvalConfig eval, long seed) {
        Path dir = existing("policy", policyDir);
        Engine.getInstance().setRandomSeed((int) seed);
        TextTokenizer tok = TextTokenizer.load(dir);
        Policy policy = null;
        try {
            policy = lora == null ? FullPolicy.load(dir) : LoraPolicy.load(dir, lora);
            ModelConfig mc = policy.lm().config();
            if (tok.vocabSize() > mc.vocabSize()) {
                throw new IllegalArgumentException("policy: " + dir + "'s tokenizer has " + tok.vocabSize()
                        + " tokens but the model only " + mc.vocabSize() + " embeddings");
            }
            SequenceEncoder encoder = new SequenceEncoder(template(prompts.template(), tok, dir), TextEncoder.of(tok::encode),
                    tok.special().bos().map(SpecialToken::id).orElse(null));
            PromptSet train = PromptSet.load(existing("prompts.train", prompts.train()), prompts.kind(),
                    prompts.skipInvalid(), encoder, prompts.maxPromptTokens(), 0);
            PromptSet held = prompts.eval() == null ? null
                    : PromptSet.load(existing("prompts.eval", prompts.eval()), prompts.kind(), prompts.skipInvalid(),
                            encoder, prompts.maxPromptTokens(), eval.maxPrompts());
            int pad = tok.special().padForCausalLm().id();
            GeneratorSampler sampler = new GeneratorSampler(generation, tok.special().eosIds(),
                    endOfTurn(tok, encoder.template()));
            return new PolicyInputs(policy, tok, pad, sampler, train, held);
        } catch (RuntimeException e) {
            for (AutoCloseable c : new AutoCloseable[] {policy, tok}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
            }
            throw e;
        }
    }

    /** The configured template, else the one the policy's tokenizer names. */
    static ChatTemplate template(String configured, TextTokenizer tok, Path policyDir) {
        String name = configured != null ? configured
                : tok.settings().templateName().orElseThrow(() -> new IllegalArgumentException("prompts.template: "
                        + policyDir + "'s tokenizer_config.json names no align4j_template; set prompts.template to the "
                        + "template the policy was fine-tuned with (" + String.join(", ", ChatTemplates.NAMES) + ")"));
        return ChatTemplates.byName(name, tok.special().eos().map(SpecialToken::text).orElse(null));
    }

    /** The template's end-of-turn marker as a stop id when it is one token not already an eos id (ChatML's {@code <|im_end|>}). */
    static List<Integer> endOfTurn(TextTokenizer tok, ChatTemplate template) {
        OptionalInt id = tok.tokenId(template.endOfTurn());
        return id.isPresent() && !tok.special().eosIds().contains(id.getAsInt()) ? List.of(id.getAsInt()) : List.of();
    }

    /** The longest prompt of either set plus {@code maxNewTokens} must fit the policy's positions. */
    public void checkFits(int maxNewTokens) {
        int longest = trainPrompts.longest();
        if (evalPrompts != null) {
            longest = Math.max(longest, evalPrompts.longest());
        }
        int positions = policy.lm().config().maxPositions();
        if (longest + maxNewTokens > positions) {
            throw new IllegalArgumentException("generation.max_new_tokens: a prompt of " + longest + " tokens plus "
                    + maxNewTokens + " new tokens exceeds the policy's " + positions
                    + " positions; lower prompts.max_prompt_tokens or generation.max_new_tokens");
        }
    }

    static Path existing(String field, String dir) {
        Path p = Path.of(dir);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(field + ": " + p + " does not exist");
        }
        return p;
    }

    @Override
    public void close() {
        try (TextTokenizer t = tokenizer; Policy p = policy) {
            // closed in reverse order of declaration
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the policy: " + e.getMessage(), e);
        }
    }
}
