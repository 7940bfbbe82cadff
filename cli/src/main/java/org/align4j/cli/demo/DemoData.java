package org.align4j.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.io.AtomicFiles;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.sample.SampleData;
import org.align4j.datasets.validate.DatasetLoader;
import org.align4j.datasets.validate.LoadOptions;

/**
 * The demo's data: the bundled sample written to {@code OUT/data/}, cut to the plan's first rows of each
 * file in quick mode, so that the folder holds exactly what the stages trained and evaluated on.
 */
final class DemoData {
    private DemoData() {}

    static List<Path> write(DemoLayout dirs, DemoPlan plan) {
        List<Path> files = SampleData.copyTo(dirs.root().resolve("data"));
        if (plan.trainRows() > 0) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".jsonl")) {
                    if (!name.contains("independent")) { // the hand-written pairs are always used whole
                        keepFirst(f, name.contains("heldout") ? plan.heldOutRows() : plan.trainRows());
                    }
                }
            }
        }
        return files;
    }

    static List<PreferencePair> heldOutPairs(DemoLayout dirs) {
        return DatasetLoader.load(dirs.data("pairs-heldout.jsonl"), Codecs.PAIRS, LoadOptions.strict()).rows();
    }

    /**
     * The distribution-shift sets: {@code in-family}, the first {@code n} training pairs (paraphrase families the
     * models trained on), and {@code independent}, the hand-written pairs the generator never wrote.
     */
    static Map<String, List<PreferencePair>> shiftPairs(DemoLayout dirs, int n) {
        Map<String, List<PreferencePair>> out = new LinkedHashMap<>();
        List<PreferencePair> train = DatasetLoader.load(dirs.data("pairs-train.jsonl"), Codecs.PAIRS,
                LoadOptions.strict()).rows();
        out.put("in-family", train.subList(0, Math.min(n, train.size())));
        out.put("independent", DatasetLoader.load(dirs.data("pairs-independent.jsonl"), Codecs.PAIRS,
                LoadOptions.strict()).rows());
        return out;
    }

    static List<SftExample> heldOutSft(DemoLayout dirs) {
        return DatasetLoader.load(dirs.data("sft-heldout.jsonl"), Codecs.SFT, LoadOptions.strict()).rows();
    }

    private static void keepFirst(Path file, int rows) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut " + file + ": " + e.getMessage(), e);
        }
        if (lines.size() > rows) {
            AtomicFiles.writeLines(file, lines.subList(0, rows));
        }
    }
}
