package org.align4j.cli.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.align4j.cli.io.JsonResultOption;
import org.align4j.cli.io.ScratchFolder;
import org.align4j.ppo.grpo.GrpoIterationBench;
import org.align4j.ppo.train.PpoIterationBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code align bench rl}: where an RL iteration's time goes (generation / scoring / update), PPO beside GRPO
 * and RLOO, on the same synthetic policy, reward model and number of answers per iteration; one JSON object.
 */
@Command(name = "rl", mixinStandardHelpOptions = true,
        description = {"Where an RL iteration's time goes: generation, scoring (reward functions and log-prob passes)",
            "and update shares for PPO, GRPO and RLOO on the same synthetic models and answers per iteration; JSON out."})
public final class RlBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--arch", description = "policy architecture: gpt2, llama or qwen2 (default: gpt2)")
    String arch = "gpt2";

    @Option(names = "--size", description = "preset of the policy and the reward model: tiny or small (default: tiny)")
    String size = "tiny";

    @Option(names = "--prompts", description = "prompts per iteration (default: 4); PPO answers each once per group member")
    int prompts = 4;

    @Option(names = "--group", description = "answers per prompt for GRPO/RLOO (default: 4)")
    int group = 4;

    @Option(names = "--new-tokens", description = "answer length (default: 32)")
    int newTokens = 32;

    @Option(names = "--warmup", description = "untimed iterations (default: 1)")
    int warmup = 1;

    @Option(names = "--iterations", description = "timed iterations (default: 2)")
    int iterations = 2;

    @Option(names = "--algorithms", split = ",", description = "which to measure (default: ppo,grpo,rloo)")
    List<String> algorithms = List.of("ppo", "grpo", "rloo");

    @Mixin JsonResultOption out;

    @Override
    public Integer call() throws Exception {
        for (String a : algorithms) {
            if (!List.of("ppo", "grpo", "rloo").contains(a)) {
                throw new IllegalArgumentException("--algorithms: '" + a + "' is not one of ppo, grpo, rloo");
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("arch", arch).put("size", size).put("answers_per_iteration", prompts * group)
                .put("new_tokens", newTokens).put("iterations", iterations);
        try (ScratchFolder scratch = ScratchFolder.create("align-bench-rl")) {
            Path work = scratch.path();
            PpoIterationBench.Workload w = PpoIterationBench.Workload.create(arch, size, work); // the same models for all
            for (String a : algorithms) {
                PpoIterationBench.Breakdown b = a.equals("ppo")
                        ? PpoIterationBench.synthetic(w, prompts * group, newTokens, warmup, iterations, work)
                        : GrpoIterationBench.synthetic(a, w, prompts, group, newTokens, warmup, iterations, work);
                spec.commandLine().getErr().println(b.format());
                result.putObject(a).put("iteration_s", b.totalSeconds() / b.iterations())
                        .put("generation_share", b.generationShare()).put("scoring_share", b.scoringShare())
                        .put("training_share", b.trainingShare());
            }
        }
        out.print(result, System.out::println);
        return 0;
    }
}
