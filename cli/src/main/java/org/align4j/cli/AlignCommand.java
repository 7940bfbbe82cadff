package org.align4j.cli;

import org.align4j.cli.feedback.FeedbackCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code align} command: one entry point for every stage of the alignment loop. */
@Command(
        name = "align",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Align causal language models with human preferences: SFT, reward model, PPO, DPO, feedback.",
        subcommands = {
            CommandLine.HelpCommand.class,
            org.align4j.cli.model.ModelCommand.class,
            ScoreCommand.class,
            org.align4j.cli.reward.RewardCommand.class,
            org.align4j.cli.demo.DemoCommand.class,
            org.align4j.cli.ppo.PpoCommand.class,
            org.align4j.cli.grpo.GrpoCommand.class,
            org.align4j.cli.tokenizer.TokenizerCommand.class,
            org.align4j.cli.sft.SftCommand.class,
            org.align4j.cli.dpo.DpoCommand.class, org.align4j.cli.dpo.DpoRefreshCommand.class,
            org.align4j.cli.lora.LoraCommand.class,
            org.align4j.cli.data.DataCommand.class,
            FeedbackCommand.class,
            org.align4j.cli.generate.GenerateCommand.class,
            org.align4j.cli.bench.BenchCommand.class,
            org.align4j.cli.eval.EvalCommand.class,
        })
public final class AlignCommand extends GroupCommand {
    /** Applied while the command line is parsed, before any subcommand builds a model. */
    @CommandLine.Option(names = "--device", scope = CommandLine.ScopeType.INHERIT, defaultValue = "${env:ALIGN_DEVICE:-auto}",
            description = "cpu, gpu or auto (default: ALIGN_DEVICE, else auto = a GPU when DJL sees one); gpu fails "
                    + "with a diagnosis when DJL sees none")
    void setDevice(String device) {
        if (!"auto".equals(device)) {
            try {
                org.align4j.core.device.ComputeDevice.select(device);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
    }

    /** Builds the command line with every subcommand registered; tests call this too. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AlignCommand());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        return cl;
    }

    public static void main(String[] args) {
        EngineSettings.setup();
        System.exit(commandLine().execute(args));
    }
}
