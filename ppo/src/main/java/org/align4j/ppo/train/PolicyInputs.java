package org.align4j.ppo.train;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.core.bundle.StopTokens;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.datasets.collate.SequenceEncoder;
import org.align4j.datasets.template.ChatTemplates;
import org.align4j.ppo.config.EvalConfig;
import org.align4j.ppo.config.GenerationSettings;
import org.align4j.ppo.config.PromptsConfig;
import org.align4j.ppo.model.Policy;
import org.align4j.ppo.rollout.GeneratorSampler;
import org.align4j.ppo.rollout.PromptSet;

/**
 * What every RL trainer (PPO, GRPO, RLOO) loads on the policy's side: the policy (full or LoRA, with its
 * reference), its tokenizer and pad id, the sampler, and the training and held-out prompts rendered with the
 * chat template, all from the policy's {@link org.align4j.core.bundle.ModelBundle}. Closing it frees the policy
 * and its tokenizer.
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
        Policy policy = Policy.load(dir, lora, prompts.template());
        try {
            TextTokenizer tok = policy.bundle().tokenizer();
            requireTemplate(prompts.template(), tok, dir);
            SequenceEncoder encoder = policy.bundle().encoder();
            PromptSet train = PromptSet.load(existing("prompts.train", prompts.train()), prompts.kind(),
                    prompts.skipInvalid(), encoder, prompts.maxPromptTokens(), 0);
            PromptSet held = prompts.eval() == null ? null
                    : PromptSet.load(existing("prompts.eval", prompts.eval()), prompts.kind(), prompts.skipInvalid(),
                            encoder, prompts.maxPromptTokens(), eval.maxPrompts());
            StopTokens stops = policy.bundle().stops();
            GeneratorSampler sampler = new GeneratorSampler(generation, stops.eosIds(), stops.stopTokenIds());
            return new PolicyInputs(policy, tok, policy.bundle().collator().padId(), sampler, train, held);
        } catch (RuntimeException e) {
            policy.close();
            throw e;
        }
    }

    /**
     * RL samples in the format the policy was fine-tuned with, so the template must be known: configured, or
     * named by the policy's tokenizer_config.json.
     */
    static void requireTemplate(String configured, TextTokenizer tok, Path policyDir) {
        if (configured == null && tok.settings().templateName().isEmpty()) {
            throw new IllegalArgumentException("prompts.template: " + policyDir + "'s tokenizer_config.json names no"
                    + " align4j_template; set prompts.template to the template the policy was fine-tuned with ("
                    + String.join(", ", ChatTemplates.NAMES) + ")");
        }
    }

    /** The longest prompt of either set plus {@code maxNewTokens} must fit the policy's positions. */
    public void checkFits(int maxNewTokens) {
        checkFits(policy, trainPrompts, evalPrompts, maxNewTokens);
    }

    /** The longest prompt of {@code train} or {@code held} (or null) plus {@code maxNewTokens} must fit the policy. */
    public static void checkFits(Policy policy, PromptSet train, PromptSet held, int maxNewTokens) {
        int longest = train.longest();
        if (held != null) {
            longest = Math.max(longest, held.longest());
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
        policy.close(); // its bundle owns the tokenizer
    }
}
