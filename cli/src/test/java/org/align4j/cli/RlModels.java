package org.align4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the RL commands' tests start from, made with the CLI itself: in {@code dir}, a BPE tokenizer with
 * ChatML markers ({@code tok-bpe}) and a tiny GPT-2 policy on it ({@code policy}, seed 3), a WordPiece
 * tokenizer ({@code tok-wp}) and a BERT reward model on it ({@code rm}, seed 4), both tokenizers trained on
 * {@code corpus}.
 */
public final class RlModels {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RlModels() {}

    public static void create(Path dir, List<String> corpus) {
        Path text = dir.resolve("corpus.txt");
        try {
            Files.writeString(text, String.join("\n", corpus));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CliRunner.run("tokenizer", "train", "--input", text.toString(), "--vocab-size", "300", "--kind", "bpe",
                "--special-tokens", "<|im_start|>,<|im_end|>", "--out", dir.resolve("tok-bpe").toString()).succeeded();
        CliRunner.run("tokenizer", "train", "--input", text.toString(), "--vocab-size", "120", "--kind", "wordpiece",
                "--out", dir.resolve("tok-wp").toString()).succeeded();
        CliRunner.run("model", "init", "--arch", "gpt2", "--tokenizer", dir.resolve("tok-bpe").toString(), "--out",
                dir.resolve("policy").toString(), "--seed", "3").succeeded();
        CliRunner.run("model", "init", "--arch", "bert", "--tokenizer", dir.resolve("tok-wp").toString(), "--out",
                dir.resolve("rm").toString(), "--seed", "4").succeeded();
    }

    /** One preference-pair JSON line per prompt, all with the same chosen and rejected answers. */
    private static List<String> pairLines(List<String> prompts) {
        List<String> rows = new ArrayList<>();
        for (String p : prompts) {
            rows.add("{\"prompt\": \"" + p + "\", \"chosen\": \"see a doctor\", \"rejected\": \"ignore it\"}");
        }
        return rows;
    }

    /** Writes the {@link #pairLines} of {@code prompts} to {@code file}, the prompt file of an RL config. */
    public static Path writePairs(Path file, List<String> prompts) {
        try {
            return Files.write(file, pairLines(prompts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code dir/fileName}, a config that runs an RL stage briefly on {@link #create}'s policy: the prompts of
     * {@code train} and {@code eval} (ChatML, at most 100 tokens), 6 new tokens per answer and a run in
     * {@code dir/run} saved every iteration, learning rate 1e-3; {@code stageLines} add the stage's own sections.
     */
    public static Path writeConfig(Path dir, String fileName, Path train, Path eval, String... stageLines) {
        List<String> lines = new ArrayList<>();
        lines.add("policy: " + dir.resolve("policy"));
        lines.add("prompts: {train: " + train + ", eval: " + eval + ", template: chatml, max_prompt_tokens: 100}");
        lines.add("generation: {max_new_tokens: 6}");
        lines.add("train: {output_dir: " + dir.resolve("run") + ", lr: 1.0e-3, save_every: 1}");
        lines.addAll(List.of(stageLines));
        try {
            return Files.write(dir.resolve(fileName), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a run's {@code metrics.jsonl}, in order. */
    public static List<JsonNode> metrics(Path runDir) {
        List<JsonNode> lines = new ArrayList<>();
        try {
            for (String l : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
                lines.add(JSON.readTree(l));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
