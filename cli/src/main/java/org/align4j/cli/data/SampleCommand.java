package org.align4j.cli.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.align4j.datasets.sample.SampleData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code align data sample}: writes the bundled sample data as files a user can read, edit and train on. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Write the bundled bilingual medical sample (SFT, preference pairs, ratings: train and"
                + " held-out JSONL; the safety rules) into a folder."})
public final class SampleCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write the files into")
    Path out;

    @Option(names = "--force", description = "replace sample files already in --out")
    boolean force;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!force) {
            for (SampleData.File f : SampleData.File.values()) {
                if (Files.exists(out.resolve(f.fileName()))) {
                    throw new IllegalArgumentException(out.resolve(f.fileName()) + " already exists; give --force to"
                            + " replace the sample files, or another --out");
                }
            }
        }
        List<Path> written = SampleData.copyTo(out);
        written.forEach(p -> spec.commandLine().getOut().println("wrote " + p));
        return 0;
    }
}
