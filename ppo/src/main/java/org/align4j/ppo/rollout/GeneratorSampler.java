package org.align4j.ppo.rollout;

import java.util.List;
import org.align4j.core.generate.FinishReason;
import org.align4j.core.generate.GeneratedSequence;
import org.align4j.core.generate.SamplingConfig;
import org.align4j.core.generate.Generator;
import org.align4j.core.model.CausalLanguageModel;

/**
 * Samples answers with the core's batched KV-cache {@link Generator} (temperature, top-k, top-p, left
 * padding, per-row seeded streams). An answer has stopped when it ended with an end-of-sequence or stop
 * token, and was cut when it reached max_new_tokens instead. The generator's own log-probs are not used:
 * PPO recomputes them with its training forward pass (see {@link org.align4j.ppo.model.ActorCritic}).
 */
public final class GeneratorSampler implements Sampler {
    private final SamplingConfig base;

    /**
     * @param settings the run's generation settings
     * @param eosIds the tokenizer's end-of-sequence ids
     * @param stopIds further ids that end an answer (a template's end-of-turn token)
     */
    public GeneratorSampler(org.align4j.ppo.config.GenerationSettings settings, List<Integer> eosIds, List<Integer> stopIds) {
        this(SamplingConfig.builder().maxNewTokens(settings.maxNewTokens()).temperature(settings.temperature())
                .topK(settings.topK()).topP(settings.topP()).eosIds(eosIds).stopTokenIds(stopIds).useCache(true).build());
        if (eosIds.isEmpty() && stopIds.isEmpty()) {
            throw new IllegalArgumentException("no end-of-sequence token: answers could never stop; declare eos_token"
                    + " in the policy's tokenizer_config.json");
        }
    }

    private GeneratorSampler(SamplingConfig base) {
        this.base = base;
    }

    /** The same settings with greedy decoding: the answers a user of the model sees by default. */
    public GeneratorSampler greedy() {
        return new GeneratorSampler(base.toBuilder().temperature(0).topK(0).topP(1).build());
    }

    @Override
    public Samples sample(CausalLanguageModel lm, int[][] prompts, long seed) {
        List<GeneratedSequence> out = new Generator(lm).generate(List.of(prompts), base.toBuilder().seed(seed).build());
        int[][] answers = new int[out.size()][];
        boolean[] stopped = new boolean[out.size()];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = out.get(i).tokens();
            stopped[i] = out.get(i).finishReason() != FinishReason.LENGTH;
        }
        return new Samples(answers, stopped);
    }

    /** The generator settings without the seed (for tests and benchmarks). */
    public SamplingConfig settings() {
        return base;
    }
}
