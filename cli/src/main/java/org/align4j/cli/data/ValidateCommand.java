package org.align4j.cli.data;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.align4j.datasets.Problem;
import org.align4j.datasets.collate.ApproximateTokenCounter;
import org.align4j.datasets.collate.Overflow;
import org.align4j.datasets.io.JsonRowReader;
import org.align4j.datasets.validate.DatasetValidator;
import org.align4j.datasets.validate.LengthLimit;
import org.align4j.datasets.validate.ProblemReport;
import org.align4j.datasets.validate.ValidationSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code align data validate}: the checks every trainer runs before training, on their own. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Check every row of a data file: malformed JSON, invalid UTF-8, missing, empty or mistyped"
                + " fields, unknown fields, chosen == rejected, duplicates, and (with --max-tokens) rows longer than"
                + " the model's context after templating. Each problem prints as FILE:LINE: what is wrong"
                + " (what to do)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every row is valid (with --skip-invalid: training would go ahead on the valid rows)",
            "1:a row or the file is invalid", "2:usage error"})
public final class ValidateCommand implements Callable<Integer> {
    @Mixin DataOptions data;

    @Option(names = "--report", paramLabel = "FILE", description = "write every problem to FILE as JSONL")
    Path report;

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "the model's context length; longer rows are problems (see --on-too-long). Tokens are"
                    + " counted approximately (words + CJK characters) until a model tokenizer is plugged in")
    Integer maxTokens;

    @Option(names = "--on-too-long", paramLabel = "POLICY", defaultValue = "report",
            converter = DataOptions.OverflowConverter.class,
            description = "report (invalid), drop (leave out and count) or truncate (prompt first; counted)"
                    + " (default: ${DEFAULT-VALUE})")
    Overflow overflow;

    @Option(names = "--skip-invalid",
            description = "check as a trainer run with --skip-invalid would: print how many rows would be skipped"
                    + " and exit 0 if valid rows remain")
    boolean skipInvalid;

    @Option(names = "--show", paramLabel = "N", defaultValue = "100",
            description = "print at most N problems (default: ${DEFAULT-VALUE}); --report has them all")
    int show;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        if (maxTokens != null && maxTokens < 2) {
            throw new CommandLine.ParameterException(cmd, "--max-tokens is " + maxTokens
                    + "; give the model's context length (2 or more)");
        }
        if (show < 0) {
            throw new CommandLine.ParameterException(cmd, "--show is " + show + "; use 0 or more");
        }
        LengthLimit limit = maxTokens == null ? null : new LengthLimit(data.lengthMeter(cmd), maxTokens, overflow);
        PrintWriter out = cmd.getOut();
        long[] problems = {0};
        ValidationSummary s;
        try (JsonRowReader reader = JsonRowReader.open(data.file);
                ProblemReport sink = report == null ? null : new ProblemReport(report)) {
            s = DatasetValidator.validate(reader, data.kind.codec(), limit, (line, row) -> { }, (Problem p) -> {
                if (problems[0]++ < show) {
                    out.println(p);
                }
                if (sink != null) {
                    sink.accept(p);
                }
            });
            if (sink != null) {
                sink.commit();
            }
        }
        if (problems[0] > show) {
            out.println("... and " + (problems[0] - show) + " more problems"
                    + (report == null ? " (--report FILE writes them all)" : ""));
        }
        if (limit != null) {
            out.println("token counts are " + ApproximateTokenCounter.DESCRIPTION + ", after the "
                    + limit.meter().template().name() + " template");
        }
        out.println(s.describe());
        if (report != null) {
            out.println("wrote " + problems[0] + " problems to " + report);
        }
        return verdict(s, out);
    }

    private int verdict(ValidationSummary s, PrintWriter out) {
        if (s.valid() == 0) {
            out.println("no valid " + data.kind + " rows: nothing could be trained on");
            return 1;
        }
        if (s.isClean()) {
            return 0;
        }
        if (skipInvalid && s.fileProblems() == 0) {
            out.println("--skip-invalid: " + s.invalid() + " invalid rows would be skipped; " + s.valid()
                    + " valid rows remain");
            return 0;
        }
        return 1;
    }
}
