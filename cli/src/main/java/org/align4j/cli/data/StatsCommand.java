package org.align4j.cli.data;

import java.util.concurrent.Callable;
import org.align4j.datasets.collate.ApproximateTokenCounter;
import org.align4j.datasets.io.JsonRowReader;
import org.align4j.datasets.stats.DatasetStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code align data stats}: counts, token-length percentiles and language mix of a data file. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {"Describe a data file: rows by form, token lengths (prompt, response, whole templated"
                + " sequence: mean, p50, p90, p95, p99, max) and the language mix by script. Tokens are counted"
                + " approximately (whitespace-separated words + CJK characters); invalid rows are left out."})
public final class StatsCommand implements Callable<Integer> {
    @Mixin DataOptions data;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        try (JsonRowReader reader = JsonRowReader.open(data.file)) {
            cmd.getOut().print(DatasetStats.compute(reader, data.kind, data.lengthMeter(cmd),
                    ApproximateTokenCounter.DESCRIPTION).format());
        }
        cmd.getOut().flush();
        return 0;
    }
}
