package org.align4j.datasets.sample;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.collate.ApproximateTokenCounter;
import org.align4j.datasets.io.AtomicFiles;
import org.align4j.datasets.io.Json;
import org.align4j.datasets.io.RecordCodec;

/**
 * Generates the bundled sample ({@link SampleData}) from the phrase banks with a fixed seed: the same bytes on
 * every run, which a test checks against the bundled files. Run it after editing the phrase banks:
 * {@code java -cp datasets/target/classes:... org.align4j.datasets.sample.SampleGenerator [DIR]}.
 *
 * <p>The split is by paraphrase family: every question template of the phrase banks is one family, and the
 * held-out files use only the {@code heldOutQuestions} families (and answer variants the training side leaves
 * out, see {@link Composer}), so a held-out row is a way of asking that no training file contains. The
 * manifest records every family and its side. Pairs are balanced for length (the chosen answer is the shorter
 * in about half) and include hard negatives whose rejected answer also mentions a doctor but gets the urgency
 * or the dose wrong. The safety rules and the independent pairs are written by hand, not generated.
 */
public final class SampleGenerator {
    public static final long SEED = 20240607L;
    static final int SFT_TRAIN = 2200;
    static final int SFT_HELDOUT = 240;
    static final int PAIRS_TRAIN = 1100;
    static final int PAIRS_HELDOUT = 120;
    static final int RATINGS_TRAIN = 1100;
    static final int RATINGS_HELDOUT = 120;
    /** Share of SFT questions that hold a red flag. */
    static final double SFT_RED_FLAG = 0.30;
    /** Share of red-flag SFT answers that are dismissive, modelling forum-quality data. */
    static final double SFT_DISMISSIVE = 0.37;
    /** Tries at drawing a pair whose length order matches the one wanted before keeping the last draw. */
    static final int LENGTH_TRIES = 40;
    static final String DEFAULT_DIR = "datasets/src/main/resources/org/align4j/datasets/sample";

    /** What the generator knows about a row (tests check the files against it). */
    record Meta(String question, String lang, String category, String family, boolean redFlag, Quality quality,
            Quality rejected) {}

    /** The generated rows and metadata of each data file. */
    record Generated(Map<SampleData.File, List<Object>> rows, Map<SampleData.File, List<Meta>> meta) {}

    enum PairKind {
        RED_FLAG_SAFE_VS_DISMISSIVE(true, Quality.URGENT_DETAILED, Quality.DISMISSIVE, 0.25),
        RED_FLAG_DETAILED_VS_TERSE(true, Quality.URGENT_DETAILED, Quality.URGENT_TERSE, 0.35),
        RED_FLAG_URGENT_VS_DELAYED(true, Quality.URGENT_TERSE, Quality.DELAYED, 0.50),
        HELPFUL_VS_UNHELPFUL(false, Quality.HELPFUL, Quality.UNHELPFUL, 0.62),
        HELPFUL_VS_VAGUE(false, Quality.HELPFUL, Quality.VAGUE, 0.74),
        HELPFUL_VS_OVERTRIAGE(false, Quality.HELPFUL, Quality.OVERTRIAGE, 0.87),
        HELPFUL_VS_WRONG_DOSE(false, Quality.HELPFUL, Quality.WRONG_DOSE, 1.0);

        final boolean redFlag;
        final Quality chosen;
        final Quality rejected;
        final double cumulative;

        PairKind(boolean redFlag, Quality chosen, Quality rejected, double cumulative) {
            this.redFlag = redFlag;
            this.chosen = chosen;
            this.rejected = rejected;
            this.cumulative = cumulative;
        }

        String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** Whether the rejected answer is a hard negative (it also mentions a doctor). */
        boolean hardNegative() {
            return rejected == Quality.DELAYED || rejected == Quality.WRONG_DOSE;
        }
    }

    private record Prompt(Composer composer, String category, boolean redFlag, String question, String family) {}

    private final Random rng = new Random(SEED);
    private final ApproximateTokenCounter tokens = new ApproximateTokenCounter();
    private final PhraseBank enBank = PhraseBank.load("en");
    private final PhraseBank zhBank = PhraseBank.load("zh");
    private final Map<Boolean, Composer> en = Map.of(false, new Composer(enBank, rng, false),
            true, new Composer(enBank, rng, true));
    private final Map<Boolean, Composer> zh = Map.of(false, new Composer(zhBank, rng, false),
            true, new Composer(zhBank, rng, true));

    private SampleGenerator() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : DEFAULT_DIR);
        writeTo(dir);
        System.out.println("wrote the sample data to " + dir.toAbsolutePath());
    }

    /** Generates every generated sample file (not the hand-written ones) into {@code dir}. */
    public static void writeTo(Path dir) {
        Generated g = generate();
        for (Map.Entry<SampleData.File, List<Object>> e : g.rows().entrySet()) {
            AtomicFiles.write(dir.resolve(e.getKey().fileName()), jsonl(e.getKey(), e.getValue()));
        }
        AtomicFiles.write(dir.resolve(SampleData.File.MANIFEST.fileName()), pretty(manifest(g)));
    }

    static Generated generate() {
        return new SampleGenerator().run();
    }

    private Generated run() {
        Map<SampleData.File, List<Object>> rows = new EnumMap<>(SampleData.File.class);
        Map<SampleData.File, List<Meta>> meta = new EnumMap<>(SampleData.File.class);
        for (SampleData.File f : SampleData.File.values()) {
            if (f.kind() == null || !f.isGenerated()) {
                continue;
            }
            int n = switch (f) {
                case SFT_TRAIN -> SFT_TRAIN;
                case SFT_HELDOUT -> SFT_HELDOUT;
                case PAIRS_TRAIN -> PAIRS_TRAIN;
                case PAIRS_HELDOUT -> PAIRS_HELDOUT;
                case RATINGS_TRAIN -> RATINGS_TRAIN;
                default -> RATINGS_HELDOUT;
            };
            List<Object> r = new ArrayList<>();
            List<Meta> m = new ArrayList<>();
            Set<String> used = new HashSet<>();
            String prefix = f.fileName().replace(".jsonl", "");
            for (int i = 1; i <= n; i++) {
                String id = String.format("%s-%05d", prefix, i);
                switch (f.kind()) {
                    case SFT -> sftRow(f.isHeldOut(), used, id, r, m);
                    case PAIRS -> pairRow(f.isHeldOut(), used, id, r, m);
                    case RATINGS -> ratingRow(f.isHeldOut(), used, id, r, m);
                }
            }
            rows.put(f, r);
            meta.put(f, m);
        }
        return new Generated(rows, meta);
    }

    private void sftRow(boolean held, Set<String> used, String id, List<Object> rows, List<Meta> meta) {
        boolean redFlag = rng.nextDouble() < SFT_RED_FLAG;
        Prompt p = draw(held, used, redFlag);
        Quality q = redFlag
                ? (rng.nextDouble() < SFT_DISMISSIVE ? Quality.DISMISSIVE : Quality.URGENT_DETAILED)
                : ordinarySftQuality();
        Composer c = p.composer();
        String answer = c.answer(p.category(), q);
        double form = rng.nextDouble();
        SftExample ex;
        if (form < 0.20) {
            ex = rng.nextBoolean() ? SftExample.ofAlpaca(p.question(), "", answer)
                    : SftExample.ofAlpaca(c.pick(c.bank().alpacaInstructions()), p.question(), answer);
        } else if (form < 0.30) {
            ex = SftExample.ofMessages(List.of(ChatMessage.system(c.pick(c.bank().systemPrompts())),
                    ChatMessage.user(p.question()), ChatMessage.assistant(answer)));
        } else if (form < 0.40 && q == Quality.HELPFUL) {
            int k = rng.nextInt(c.bank().followUps().size());
            ex = SftExample.ofMessages(List.of(ChatMessage.user(p.question()), ChatMessage.assistant(answer),
                    ChatMessage.user(c.bank().followUps().get(k)),
                    ChatMessage.assistant(c.followUpAnswer(p.category(), k))));
        } else {
            ex = SftExample.of(p.question(), answer);
        }
        rows.add(ex.withId(id));
        meta.add(new Meta(p.question(), c.bank().lang(), p.category(), p.family(), redFlag, q, null));
    }

    private Quality ordinarySftQuality() {
        double r = rng.nextDouble();
        return r < 0.75 ? Quality.HELPFUL : r < 0.90 ? Quality.VAGUE : Quality.UNHELPFUL;
    }

    private void pairRow(boolean held, Set<String> used, String id, List<Object> rows, List<Meta> meta) {
        double r = rng.nextDouble();
        PairKind kind = PairKind.HELPFUL_VS_WRONG_DOSE;
        for (PairKind k : PairKind.values()) {
            if (r < k.cumulative) {
                kind = k;
                break;
            }
        }
        Prompt p = draw(held, used, kind.redFlag);
        Composer c = p.composer();
        List<ChatMessage> prompt = rng.nextDouble() < 0.10
                ? List.of(ChatMessage.system(c.pick(c.bank().systemPrompts())), ChatMessage.user(p.question()))
                : List.of(ChatMessage.user(p.question()));
        boolean chosenShorter = rng.nextBoolean();
        String chosen = null;
        String rejected = null;
        for (int t = 0; t < LENGTH_TRIES; t++) {
            chosen = c.answer(p.category(), kind.chosen);
            rejected = c.answer(p.category(), kind.rejected);
            if ((tokens.count(chosen) < tokens.count(rejected)) == chosenShorter) {
                break;
            }
        }
        rows.add(new PreferencePair(prompt, chosen, rejected, id, "sample-generator/" + kind.slug(),
                (double) (kind.chosen.score - kind.rejected.score)));
        meta.add(new Meta(p.question(), c.bank().lang(), p.category(), p.family(), kind.redFlag, kind.chosen,
                kind.rejected));
    }

    private void ratingRow(boolean held, Set<String> used, String id, List<Object> rows, List<Meta> meta) {
        boolean redFlag = rng.nextDouble() < 0.40;
        double r = rng.nextDouble();
        Quality q = redFlag
                ? (r < 0.35 ? Quality.URGENT_DETAILED : r < 0.55 ? Quality.URGENT_TERSE : r < 0.80 ? Quality.DISMISSIVE
                        : Quality.DELAYED)
                : (r < 0.40 ? Quality.HELPFUL : r < 0.55 ? Quality.VAGUE : r < 0.75 ? Quality.UNHELPFUL
                        : r < 0.88 ? Quality.OVERTRIAGE : Quality.WRONG_DOSE);
        Prompt p = draw(held, used, redFlag);
        String answer = p.composer().answer(p.category(), q);
        boolean fivePoint = rng.nextDouble() < 0.30;
        rows.add(new Rating(List.of(ChatMessage.user(p.question())), answer,
                fivePoint ? q.score : (q.thumbsUp() ? 1 : 0),
                fivePoint ? Rating.Scale.FIVE_POINT : Rating.Scale.THUMBS, "sample-generator", id));
        meta.add(new Meta(p.question(), p.composer().bank().lang(), p.category(), p.family(), redFlag, q, null));
    }

    /** A question not used yet in this file, from a family of the requested side of the split. */
    private Prompt draw(boolean held, Set<String> used, boolean redFlag) {
        for (int attempt = 0; attempt < 100_000; attempt++) {
            Composer c = (rng.nextBoolean() ? en : zh).get(held);
            String category = redFlag
                    ? c.pick(c.bank().redFlags()).id()
                    : c.pick(c.bank().topics()).id();
            Composer.Question q = c.question(category, redFlag);
            if (used.add(q.text())) {
                return new Prompt(c, category, redFlag, q.text(), q.family());
            }
        }
        throw new IllegalStateException("ran out of distinct questions; add templates or slot values");
    }

    private static byte[] jsonl(SampleData.File file, List<Object> rows) {
        @SuppressWarnings("unchecked")
        RecordCodec<Object> codec = (RecordCodec<Object>) file.kind().codec();
        StringBuilder sb = new StringBuilder();
        for (Object row : rows) {
            sb.append(codec.toJson(row)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode manifest(Generated g) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("generator", SampleGenerator.class.getName());
        root.put("seed", SEED);
        root.put("note", "synthetic data written for align4j; not medical advice; see datasets/README.md");
        root.put("split", "by paraphrase family: held-out files use only the heldOutQuestions templates of the"
                + " phrase banks (and answer variants the training files leave out); training files never do");
        ObjectNode families = root.putObject("families");
        for (PhraseBank bank : List.of(PhraseBank.load("en"), PhraseBank.load("zh"))) {
            for (boolean held : List.of(false, true)) {
                ArrayNode list = families.withArray(held ? "heldout" : "train");
                Composer c = new Composer(bank, new Random(0), held);
                bank.redFlags().forEach(rf -> addFamilies(list, c, rf.id(), true));
                bank.topics().forEach(t -> addFamilies(list, c, t.id(), false));
            }
        }
        root.put("red_flag_categories", PhraseBank.load("en").redFlags().size());
        root.put("hand_written", "safety-rules.json and pairs-independent.jsonl are written by hand, not generated");
        ObjectNode files = root.putObject("files");
        for (Map.Entry<SampleData.File, List<Meta>> e : g.meta().entrySet()) {
            ObjectNode f = files.putObject(e.getKey().fileName());
            List<Meta> m = e.getValue();
            f.put("rows", m.size());
            f.put("zh", m.stream().filter(x -> x.lang().equals("zh")).count());
            f.put("en", m.stream().filter(x -> x.lang().equals("en")).count());
            f.put("red_flag", m.stream().filter(Meta::redFlag).count());
            f.put("families", m.stream().map(Meta::family).distinct().count());
            if (e.getKey().kind() == org.align4j.datasets.io.DataKind.PAIRS) {
                List<Object> rows = g.rows().get(e.getKey());
                ApproximateTokenCounter tokens = new ApproximateTokenCounter();
                f.put("chosen_shorter", rows.stream().map(PreferencePair.class::cast)
                        .filter(p -> tokens.count(p.chosen()) < tokens.count(p.rejected())).count());
                f.put("hard_negatives", m.stream()
                        .filter(x -> x.rejected() == Quality.DELAYED || x.rejected() == Quality.WRONG_DOSE).count());
            }
            ObjectNode q = f.putObject(e.getKey().kind() == org.align4j.datasets.io.DataKind.PAIRS
                    ? "rejected_quality" : "quality");
            for (Quality quality : Quality.values()) {
                long n = m.stream().filter(x -> (x.rejected() != null ? x.rejected() : x.quality()) == quality).count();
                if (n > 0) {
                    q.put(quality.name().toLowerCase(java.util.Locale.ROOT), n);
                }
            }
        }
        return root;
    }

    private static void addFamilies(ArrayNode list, Composer c, String category, boolean redFlag) {
        for (int i = 0; i < c.templates(category, redFlag).size(); i++) {
            list.add(c.family(category, i));
        }
    }

    static byte[] pretty(JsonNode node) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        ObjectWriter w = Json.mapper().writer(pp);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(w.writeValueAsBytes(node));
            out.write('\n');
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
