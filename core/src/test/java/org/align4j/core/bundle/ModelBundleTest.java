package org.align4j.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.align4j.core.generate.GeneratedSequence;
import org.align4j.core.generate.SamplingConfig;
import org.align4j.core.io.TensorDType;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.lora.LoraModel;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.nn.NoGrad;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.collate.TokenizedSequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void checkpoint() {
        model = BundleFixtures.checkpoint(tmp.resolve("policy"), 5);
    }

    @Test
    void loadsTheModelItsTokenizerAndTheDefaultTemplateAndStopsAtTheEndOfTurn() {
        try (ModelBundle b = ModelBundle.load(model)) {
            assertThat(b.template().name()).isEqualTo("chatml");
            int imEnd = b.tokenizer().tokenId("<|im_end|>").orElseThrow();
            int eot = b.tokenizer().tokenId("<|endoftext|>").orElseThrow();
            assertThat(b.stops().eosIds()).containsExactly(eot);
            assertThat(b.stops().stopTokenIds()).containsExactly(imEnd);
            SamplingConfig g = b.generation(5).build();
            assertThat(g.eosIds()).containsExactly(eot);
            assertThat(g.stopTokenIds()).containsExactly(imEnd);
            int[] prompt = b.promptIds(List.of(ChatMessage.user("what helps a fever")));
            assertThat(b.tokenizer().decode(prompt, false)).isEqualTo(
                    "<|im_start|>user\nwhat helps a fever<|im_end|>\n<|im_start|>assistant\n");
        }
        try (ModelBundle b = ModelBundle.load(model, "plain")) {
            assertThat(b.template().name()).isEqualTo("plain");
            assertThat(b.stops().stopTokenIds()).isEmpty(); // plain ends answers with the EOS itself
        }
    }

    @Test
    void everyEosIdOfGenerationConfigStopsGeneration() throws Exception {
        Path dir = copy(model, tmp.resolve("eos-list"));
        BundleFixtures.generationEos(dir, 3, 7, 9);
        try (ModelBundle b = ModelBundle.load(dir)) {
            assertThat(b.stops().eosIds()).contains(3, 7, 9);
            assertThat(b.generation(4).build().eosIds()).contains(3, 7, 9);
        }
    }

    @Test
    void theBosStartsASequenceOnlyWhenTheTokenizerItselfAddsIt() throws Exception {
        Path declared = copy(model, tmp.resolve("bos-declared"));
        BundleFixtures.declareBos(declared, false);
        Path added = copy(model, tmp.resolve("bos-added"));
        BundleFixtures.declareBos(added, true);
        List<ChatMessage> q = List.of(ChatMessage.user("what helps a fever"));
        try (ModelBundle plain = ModelBundle.load(model); ModelBundle d = ModelBundle.load(declared);
                ModelBundle a = ModelBundle.load(added)) {
            int bos = a.tokenizer().tokenId("<|endoftext|>").orElseThrow();
            assertThat(d.tokenizer().special().bos()).isPresent();
            assertThat(d.encoder().bosId()).isNull();
            assertThat(d.promptIds(q)).containsExactly(plain.promptIds(q));
            assertThat(a.encoder().bosId()).isEqualTo(bos);
            int[] withBos = a.promptIds(q);
            assertThat(withBos[0]).isEqualTo(bos);
            assertThat(Arrays.copyOfRange(withBos, 1, withBos.length)).containsExactly(plain.promptIds(q));
            assertThat(Arrays.stream(withBos).filter(id -> id == bos).count()).isEqualTo(1);
        }
    }

    @Test
    void responseSumsAreTheAnswerTokensLogProbsSummedWhateverTheBatch() {
        try (ModelBundle b = ModelBundle.load(model)) {
            TokenizedSequence shortOne = b.encoder().encodeCompletion(List.of(ChatMessage.user("what helps a fever")),
                    "rest");
            TokenizedSequence longOne = b.encoder().encodeCompletion(List.of(ChatMessage.user("chest pain")),
                    "call emergency services for chest pain and see a doctor");
            ResponseSums batched = b.responseSums(List.of(shortOne, longOne), 2);
            ResponseSums alone = b.responseSums(List.of(shortOne), 1);
            double expected = byHand(b.lm(), shortOne);
            assertThat(alone.sums()[0]).isCloseTo(expected, within(1e-4));
            assertThat(batched.sums()[0]).isCloseTo(expected, within(1e-4));
            assertThat(batched.sums()[1]).isCloseTo(byHand(b.lm(), longOne), within(1e-4));
            assertThat(batched.tokens()).containsExactly(shortOne.trainedTokens(), longOne.trainedTokens());
            assertThat(batched.total()).isCloseTo(batched.sums()[0] + batched.sums()[1], within(1e-9));
        }
    }

    /** Σ over answer tokens t of log softmax(logits[t-1])[ids[t]], one unpadded sequence. */
    private static double byHand(CausalLanguageModel lm, TokenizedSequence s) {
        try (NoGrad ignored = NoGrad.enter(); NDManager m = NDManager.newBaseManager()) {
            long[] ids = Arrays.stream(s.ids()).asLongStream().toArray();
            NDArray in = m.create(ids, new Shape(1, ids.length));
            float[] lp = TokenLogProbs.perToken(lm, in, null, false).toFloatArray();
            double sum = 0;
            for (int t = 1; t < ids.length; t++) {
                sum += s.lossMask()[t] ? lp[t - 1] : 0;
            }
            return sum;
        }
    }

    @Test
    void batchedGreedyAnswersEqualOneAtATime() {
        try (ModelBundle b = ModelBundle.load(model)) {
            List<List<ChatMessage>> qs = List.of(List.of(ChatMessage.user("what helps a fever")),
                    List.of(ChatMessage.user("chest pain")), List.of(ChatMessage.user("a headache often passes")));
            SamplingConfig g = b.generation(6).build();
            List<GeneratedSequence> together = b.answer(qs, g, 3);
            for (int i = 0; i < qs.size(); i++) {
                GeneratedSequence alone = b.answer(List.of(qs.get(i)), g, 1).get(0);
                assertThat(together.get(i).tokens()).containsExactly(alone.tokens());
                assertThat(together.get(i).promptIds()).containsExactly(b.promptIds(qs.get(i)));
            }
        }
    }

    @Test
    void theFullReferenceIsAFrozenCopyAndTheLoraReferenceIsTheBaseWithAdaptersOff() {
        TokenizedSequence s;
        try (ModelBundle b = ModelBundle.load(model)) {
            s = b.encoder().encodeCompletion(List.of(ChatMessage.user("fever")), "rest and fluids");
            FrozenReference ref = b.reference();
            assertThat(ref.ownsWeights()).isTrue();
            assertThat(ref.model()).isNotSameAs(b.lm());
            assertThat(byHand(ref.model(), s)).isCloseTo(byHand(b.lm(), s), within(1e-5));
            assertThat(ref.model().namedParameters().values()).allSatisfy(p -> assertThat(p.requiresGradient()).isFalse());
            assertThat(b.reference().model()).isSameAs(ref.model()); // loaded once
        }
        try (ModelBundle b = ModelBundle.load(model)) {
            double base = byHand(b.lm(), s);
            LoraModel lora = b.attachAdapters(new LoraConfig(4, 8, 0, List.of(LoraConfig.ALL_LINEAR)));
            perturb(lora);
            assertThat(b.trainableParameters()).hasSize(lora.trainableParameters().size());
            double adapted = byHand(b.lm(), s);
            assertThat(adapted).isNotCloseTo(base, within(1e-4));
            FrozenReference ref = b.reference();
            assertThat(ref.ownsWeights()).isFalse();
            try (FrozenReference.Scope on = ref.activate()) {
                assertThat(byHand(ref.model(), s)).isCloseTo(base, within(1e-5));
            }
            assertThat(lora.enabled()).isTrue();
            assertThat(byHand(b.lm(), s)).isCloseTo(adapted, within(1e-6));
        }
    }

    @Test
    void aSavedAdapterLoadsMergedIntoItsBaseAndAFullSaveLoadsBack() throws Exception {
        Path adapter = tmp.resolve("adapter");
        Path full = tmp.resolve("full");
        TokenizedSequence s;
        double adapted;
        try (ModelBundle b = ModelBundle.load(model)) {
            s = b.encoder().encodeCompletion(List.of(ChatMessage.user("fever")), "rest and fluids");
            perturb(b.attachAdapters(new LoraConfig(4, 8, 0, List.of(LoraConfig.ALL_LINEAR))));
            adapted = byHand(b.lm(), s);
            Files.createDirectories(adapter);
            b.saveWeights(adapter, TensorDType.F32);
        }
        assertThat(adapter.resolve("adapter_config.json")).exists();
        assertThat(adapter.resolve("tokenizer.json")).exists();
        try (ModelBundle b = ModelBundle.load(adapter)) {
            assertThat(b.adapters()).isEmpty(); // merged
            assertThat(byHand(b.lm(), s)).isCloseTo(adapted, within(1e-4));
            Files.createDirectories(full);
            b.saveWeights(full, TensorDType.F32);
        }
        try (ModelBundle b = ModelBundle.load(full)) {
            assertThat(byHand(b.lm(), s)).isCloseTo(adapted, within(1e-4));
        }
    }

    @Test
    void badDirectoriesAndTemplatesAreNamed() {
        assertThatThrownBy(() -> ModelBundle.load(tmp.resolve("nowhere")))
                .hasMessageContaining("nowhere").hasMessageContaining("no such model directory");
        assertThatThrownBy(() -> ModelBundle.load(model, "vicuna"))
                .hasMessageContaining("unknown chat template \"vicuna\"");
    }

    @Test
    void aDirectoryWithoutTokenizerServesTokenIdsAndSaysWhyTextFails() throws Exception {
        Path dir = tmp.resolve("no-tokenizer");
        Files.createDirectories(dir);
        for (String f : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(model.resolve(f), dir.resolve(f));
        }
        try (ModelBundle b = ModelBundle.load(dir)) {
            assertThat(b.hasTokenizer()).isFalse();
            assertThat(b.generate(List.of(new int[] {1, 2, 3}), SamplingConfig.greedy(2, List.of()), 1)).hasSize(1);
            assertThatThrownBy(b::encoder).hasMessageContaining("no tokenizer.json");
        }
    }

    private static void perturb(LoraModel lora) {
        lora.layers().values().forEach(l -> l.loraB().getArray().addi(0.05f));
    }

    private static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
