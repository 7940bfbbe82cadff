package org.align4j.cli.demo;

import java.util.List;
import java.util.Map;

/**
 * The sizes of one demo run: {@link #full} (≤ 15 minutes on 2 CPU cores; the numbers show alignment) and
 * {@link #quick} (under 3 minutes; the same stages, for smoke tests). The training stages' settings are the bundled
 * demo configurations (sft.demo.yaml, rm-demo.yaml, ppo.demo.yaml, grpo.demo.yaml, dpo.demo.yaml), sized for the full plan; a plan
 * only shortens them.
 *
 * @param name "full" or "quick"
 * @param vocab BPE vocabulary of the policy's tokenizer
 * @param evalPrompts held-out prompts answered per model in the evaluation
 * @param queuePrompts held-out questions each model answers into the feedback queue
 * @param trainRows the first rows of each training file used (-1: all)
 * @param heldOutRows the first rows of each held-out file used (with {@code trainRows} > 0)
 * @param stageSizes per training stage ({@code sft}, {@code reward}, {@code ppo}, {@code grpo}, {@code dpo}): the {@code key=value}
 *     overrides that shorten its bundled demo configuration (none for the full plan)
 */
record DemoPlan(String name, int vocab, int evalPrompts, int queuePrompts, int trainRows, int heldOutRows,
        Map<String, List<String>> stageSizes) {

    static DemoPlan full() {
        return new DemoPlan("full", 4096, 64, 20, -1, -1, Map.of());
    }

    static DemoPlan quick() {
        return new DemoPlan("quick", 2048, 8, 4, 320, 40, Map.of(
                "sft", List.of("train.epochs=1", "train.max_steps=40", "train.eval_every=20"),
                "reward", List.of("train.epochs=1", "train.max_steps=30", "train.eval_every=10"),
                "ppo", List.of("ppo.iterations=3", "ppo.rollout_batch_size=16", "eval.every=10", "eval.max_prompts=16"),
                "grpo", List.of("grpo.iterations=3", "grpo.prompts_per_iteration=4", "eval.every=10",
                        "eval.max_prompts=16"),
                "dpo", List.of("train.max_steps=12", "train.eval_every=6")));
    }

    /** The overrides that size {@code stage}'s bundled configuration for this plan. */
    List<String> sizes(String stage) {
        return stageSizes.getOrDefault(stage, List.of());
    }
}
