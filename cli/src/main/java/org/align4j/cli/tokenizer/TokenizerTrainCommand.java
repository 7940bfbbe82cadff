package org.align4j.cli.tokenizer;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.align4j.cli.ParseConverter;
import org.align4j.core.tokenizer.SpecialTokenRoles;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.tokenizer.TokenizerKind;
import org.align4j.core.tokenizer.TokenizerTrainer;
import org.align4j.core.tokenizer.TrainedTokenizer;
import org.align4j.core.tokenizer.TrainerConfig;
import org.align4j.core.tokenizer.TrainingCorpus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code align tokenizer train}: trains a byte-level BPE or WordPiece tokenizer on text or JSONL files and
 * writes tokenizer.json, tokenizer_config.json and special_tokens_map.json into a directory.
 */
@Command(
        name = "train",
        description = {"Train a tokenizer on your corpus (Chinese and English text) and write a Hugging Face "
                + "tokenizer.json with tokenizer_config.json and special_tokens_map.json.",
            "Input: plain text (one text a line), .jsonl (every string value of each line's JSON), or .json."})
public final class TokenizerTrainCommand implements Runnable {
    private static final int SAMPLE_CHARS = 60;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--input", arity = "1..*", required = true, paramLabel = "FILE", description = "Training files.")
    List<Path> inputs;

    @Option(names = "--vocab-size", required = true, paramLabel = "N",
            description = "Vocabulary size, special tokens included.")
    int vocabSize;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "bpe", converter = KindConverter.class,
            description = "bpe (byte-level, GPT-2/Qwen2 style) or wordpiece (BERT style). Default: ${DEFAULT-VALUE}.")
    TokenizerKind kind;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the files into.")
    Path out;

    @Option(names = "--min-frequency", paramLabel = "N", defaultValue = "2",
            description = "Never merge a pair seen fewer times. Default: ${DEFAULT-VALUE}.")
    int minFrequency;

    @Option(names = "--special-tokens", split = ",", paramLabel = "TOKEN",
            description = "Extra special tokens, comma-separated (default for bpe: <|im_start|>,<|im_end|>; "
                    + "none for wordpiece; --special-tokens= for none). The role tokens (--eos-token, --pad-token, ...) are always "
                    + "added.")
    List<String> specialTokens;

    @Option(names = "--bos-token", paramLabel = "TOKEN", description = "Beginning-of-sequence token (default: none).")
    String bosToken;

    @Option(names = "--eos-token", paramLabel = "TOKEN",
            description = "End-of-sequence token (default for bpe: <|endoftext|>).")
    String eosToken;

    @Option(names = "--pad-token", paramLabel = "TOKEN",
            description = "Padding token (default: <|pad|> for bpe, [PAD] for wordpiece).")
    String padToken;

    @Option(names = "--limit-alphabet", paramLabel = "N", defaultValue = "0",
            description = "wordpiece: keep only the N most frequent characters (0 = all). Default: ${DEFAULT-VALUE}.")
    int limitAlphabet;

    @Option(names = "--cased", description = "wordpiece: keep case and accents (default: lower-case, like bert-base-uncased).")
    boolean cased;

    @Option(names = "--model-max-length", paramLabel = "N",
            description = "model_max_length in tokenizer_config.json (default: 2048 for bpe, 512 for wordpiece).")
    Integer modelMaxLength;

    @Option(names = "--force", description = "Replace a tokenizer.json already in --out.")
    boolean force;

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        Path target = out.resolve(TokenizerFiles.TOKENIZER_JSON);
        if (Files.exists(target) && !force) {
            throw new IllegalArgumentException(target + " already exists; pass --force to replace it or choose "
                    + "another --out");
        }
        TrainerConfig config = config();
        TrainingCorpus corpus = TrainingCorpus.read(inputs);
        long start = System.nanoTime();
        TrainedTokenizer trained = TokenizerTrainer.train(config, corpus.texts());
        double seconds = (System.nanoTime() - start) / 1e9;
        TokenizerFiles.write(out, trained);
        w.printf(Locale.ROOT, "trained %s tokenizer on %,.2f MB (%,d texts) in %.2f s%n", kind.cliName(),
                corpus.bytes() / 1e6, corpus.texts().size(), seconds);
        w.printf(Locale.ROOT, "vocab size: %,d (requested %,d)%s%n", trained.vocabSize(), vocabSize,
                trained.stopReason().isEmpty() ? "" : ": stopped early, " + trained.stopReason());
        w.println("special tokens: " + config.specialTokens().stream()
                .map(t -> t + "=" + trained.tokenId(t).orElseThrow()).collect(Collectors.joining(" ")));
        w.println("wrote " + out.resolve(TokenizerFiles.TOKENIZER_JSON) + ", " + TokenizerFiles.TOKENIZER_CONFIG
                + ", " + TokenizerFiles.SPECIAL_TOKENS_MAP);
        printSample(w, corpus.texts().get(0));
    }

    private TrainerConfig config() {
        SpecialTokenRoles r = SpecialTokenRoles.defaults(kind);
        SpecialTokenRoles roles = new SpecialTokenRoles(bosToken != null ? bosToken : r.bos(),
                eosToken != null ? eosToken : r.eos(), padToken != null ? padToken : r.pad(), r.unk(), r.cls(),
                r.sep(), r.mask());
        try {
            return new TrainerConfig(kind, vocabSize, minFrequency, roles,
                    specialTokens != null ? specialTokens.stream().filter(t -> !t.isBlank()).toList()
                            : TrainerConfig.defaultExtraSpecialTokens(kind), limitAlphabet,
                    kind == TokenizerKind.WORDPIECE && !cased,
                    modelMaxLength != null ? modelMaxLength : TrainerConfig.defaultModelMaxLength(kind));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid options: " + e.getMessage(), e);
        }
    }

    /** Loads the written files with Hugging Face tokenizers and shows one text going through it. */
    private void printSample(PrintWriter w, String text) {
        int[] cps = text.codePoints().limit(SAMPLE_CHARS).toArray();
        String sample = new String(cps, 0, cps.length);
        try (TextTokenizer tok = TextTokenizer.load(out)) {
            int[] ids = tok.encode(sample);
            String back = tok.decode(ids, false);
            w.printf("sample: %s%n  -> %d tokens %s%n  -> %s%n  round trip: %s%n", sample, ids.length,
                    Arrays.toString(Arrays.copyOf(ids, Math.min(ids.length, 24))) + (ids.length > 24 ? "..." : ""),
                    back, back.equals(sample) ? "exact"
                            : kind == TokenizerKind.WORDPIECE ? "normalized (WordPiece lower-cases, spaces out "
                                    + "punctuation and Chinese characters, [UNK] for unseen characters)" : "DIFFERS");
        }
    }

    /** Parses {@code bpe}/{@code wordpiece} in any case. */
    static final class KindConverter extends ParseConverter<TokenizerKind> {
        KindConverter() {
            super(TokenizerKind::parse);
        }
    }
}
