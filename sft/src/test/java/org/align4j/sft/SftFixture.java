package org.align4j.sft;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.model.ModelPresets;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.testing.TinyCheckpoints;
import org.align4j.core.tokenizer.TokenizerKind;
import org.align4j.core.train.config.RunConfigLoader;

/** A tiny model with its own tokenizer and a learnable SFT data set, in a temp directory. */
final class SftFixture {
    static final String[] WORDS = {"apple", "river", "stone", "cloud", "green", "house", "light", "music", "paper",
        "sugar", "tiger", "water", "bread", "chair", "dream", "earth", "fruit", "grass", "heart", "juice", "lemon",
        "maple", "ocean", "plant", "queen"};

    private SftFixture() {}

    /**
     * Rows 0-24: "Repeat the word w" → "w w w" for every word; rows 25-49: "Echo the word w" → "w". The
     * training file holds rows 0-39, validation 40-49: echo prompts whose words were seen only repeated.
     */
    static List<String> rows(int from, int to) {
        List<String> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = from; i < to; i++) {
            String w = WORDS[i % WORDS.length];
            String kind = i < WORDS.length ? "Repeat" : "Echo";
            ObjectNode n = json.createObjectNode();
            n.put("instruction", kind + " the word " + w);
            n.put("output", kind.equals("Repeat") ? w + " " + w + " " + w : w);
            out.add(n.toString());
        }
        return out;
    }

    /** Writes train.jsonl, val.jsonl, a BPE tokenizer and a tiny GPT-2 (or other arch) into {@code dir}. */
    static Path create(Path dir, String arch) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train.jsonl"), rows(0, 40));
        Files.write(dir.resolve("val.jsonl"), rows(40, 50));
        Files.write(dir.resolve("repeat.jsonl"), rows(0, 25));
        Files.write(dir.resolve("echo.jsonl"), rows(25, 40));
        List<String> corpus = new ArrayList<>(rows(0, 50));
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        TinyCheckpoints.tokenizer(model, TokenizerKind.BPE, 400, corpus);
        ObjectNode extra = new ObjectMapper().createObjectNode();
        try (TextTokenizer tok = TextTokenizer.load(model)) {
            extra.put("eos_token_id", tok.special().requireEos().id());
            extra.put("pad_token_id", tok.special().padForCausalLm().id());
        }
        Path tmp = TinyCheckpoints.model(dir.resolve("model-tmp"), model, vocab -> ModelPresets.of(arch, "tiny", vocab),
                extra, 11);
        org.align4j.core.io.AtomicDirectory.deleteRecursively(model);
        Files.move(tmp, model);
        return dir;
    }

    /**
     * A base model for LoRA: the fixture's model fully fine-tuned on the "Repeat" rows only, so that
     * LoRA has a trained base to adapt (on a random base, frozen random embeddings cap the logits).
     */
    static Path pretrainedBase(Path dir) {
        SftConfig pre = config(dir, "data.train=" + dir.resolve("repeat.jsonl"), "data.validation=null",
                "data.validation_split=0", "train.output_dir=" + dir.resolve("pre"), "train.lr=1e-2",
                "train.max_steps=40", "train.save_every=0");
        new SftTrainer(pre).run(new org.align4j.core.train.StopSignal(), new java.io.PrintStream(
                java.io.OutputStream.nullOutputStream()));
        return dir.resolve("pre/final");
    }

    /** A config for the fixture in {@code dir}, with {@code --set} style overrides. */
    static SftConfig config(Path dir, String... sets) {
        List<String> all = new ArrayList<>(List.of("model=" + dir.resolve("model"), "data.train=" + dir.resolve("train.jsonl"),
                "data.validation=" + dir.resolve("val.jsonl"), "data.max_length=64", "train.output_dir=" + dir.resolve("out"),
                "train.lr=3e-3", "train.batch_size=8", "train.max_steps=30", "train.log_every=5", "train.eval_every=10",
                "train.save_every=10", "train.warmup_steps=3", "train.seed=3"));
        all.addAll(List.of(sets));
        return RunConfigLoader.load(null, all, SftConfig.class, SftConfig.defaults(), SftConfig.sectionDefaults());
    }

    static Map<String, Object> loraDefaults() {
        return Map.of("lora", LoraConfig.defaults());
    }
}
