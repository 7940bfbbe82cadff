package org.align4j.sft;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.Conversations;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.collate.SequenceEncoder;
import org.align4j.datasets.collate.TokenizedSequence;
import org.align4j.datasets.collate.Truncation;
import org.align4j.datasets.collate.TruncationTally;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.split.Split;
import org.align4j.datasets.template.ChatTemplate;
import org.align4j.datasets.validate.DatasetLoader;
import org.align4j.datasets.validate.LoadOptions;
import org.align4j.datasets.validate.Loaded;

/**
 * SFT data ready to train on: read through the datasets module's validating reader (a bad row stops the
 * run naming file and line, unless {@code skip_invalid}), split, rendered with a chat template whose
 * assistant turns are the only trainable segments, tokenised, and fitted to {@code max_length}.
 *
 * @param train tokenised training examples
 * @param validation tokenised validation examples (empty: no evaluation)
 * @param template the chat template used
 * @param report lines describing what was read, split and cut
 */
public record SftData(List<TokenizedSequence> train, List<TokenizedSequence> validation, ChatTemplate template,
        List<String> report) {

    /**
     * @param enc the model bundle's encoder: its chat template and BOS rule
     */
    public static SftData prepare(SftDataConfig cfg, SequenceEncoder enc, long seed, int maxPositions) {
        if (cfg.maxLength() > maxPositions) {
            throw new IllegalArgumentException("data.max_length: " + cfg.maxLength() + " exceeds the model's "
                    + maxPositions + " positions; set data.max_length to at most " + maxPositions);
        }
        List<String> report = new ArrayList<>();
        LoadOptions opts = LoadOptions.strict().withSkipInvalid(cfg.skipInvalid());
        Loaded<SftExample> trainRows = DatasetLoader.load(existing(cfg.train(), "data.train"), Codecs.SFT, opts);
        report.add(trainRows.describe());
        Split<SftExample> split;
        if (cfg.validation() != null) {
            Loaded<SftExample> val = DatasetLoader.load(existing(cfg.validation(), "data.validation"), Codecs.SFT, opts);
            report.add(val.describe());
            split = Split.of(trainRows.rows(), val.rows());
        } else {
            split = Split.bySeed(trainRows.rows(), cfg.validationSplit(), seed, e -> Conversations.promptKey(e.messages()));
            if (cfg.validationSplit() > 0) {
                report.add(String.format("held out %d of %d examples for validation (data.validation_split %.2f, "
                        + "split by prompt)", split.validation().size(), trainRows.rows().size(), cfg.validationSplit()));
            }
        }
        if (split.train().isEmpty()) {
            throw new IllegalArgumentException("data.validation_split: " + cfg.validationSplit()
                    + " leaves no training example; lower it");
        }
        ChatTemplate template = enc.template();
        List<TokenizedSequence> train = fit(split.train(), enc, cfg.maxLength(), "train", report);
        List<TokenizedSequence> val = fit(split.validation(), enc, cfg.maxLength(), "validation", report);
        if (train.isEmpty()) {
            throw new IllegalArgumentException(cfg.train() + ": no training example keeps a response token within "
                    + "data.max_length " + cfg.maxLength() + "; raise data.max_length");
        }
        return new SftData(train, val, template, report);
    }

    private static Path existing(String file, String field) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(field + ": no such file " + p.toAbsolutePath());
        }
        return p;
    }

    private static List<TokenizedSequence> fit(List<SftExample> rows, SequenceEncoder enc, int maxLength, String name,
            List<String> report) {
        List<TokenizedSequence> out = new ArrayList<>();
        TruncationTally tally = new TruncationTally();
        long tokens = 0;
        for (SftExample e : rows) {
            Truncation.Fitted f = enc.fit(enc.encode(e), maxLength);
            TokenizedSequence s = f.sequence();
            boolean[] m = s.lossMask();
            boolean trains = false;
            for (int t = 1; t < m.length; t++) {
                trains |= m[t];
            }
            tally.add(f, !trains);
            if (!trains) {
                continue;
            }
            tokens += s.length();
            out.add(s);
        }
        if (!rows.isEmpty()) {
            report.add(String.format("%s: %d examples, %,d tokens (mean %.0f)", name, out.size(), tokens,
                    out.isEmpty() ? 0.0 : (double) tokens / out.size()));
            report.add(tally.describe(name, maxLength) + (tally.dropped() > 0 ? " (dropped: no answer token left)" : ""));
        }
        return out;
    }
}
