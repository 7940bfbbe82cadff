package org.align4j.dpo.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.align4j.core.io.SafeTensorsFile;
import org.align4j.core.io.SafeTensorsWriter;
import org.align4j.core.io.TensorDType;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.datasets.collate.Collator;
import org.align4j.datasets.io.AtomicFiles;
import org.align4j.dpo.data.EncodedPairs;
import org.align4j.dpo.eval.PairScores;

/**
 * Reference log-probs computed once and cached as {@code ref_logps-KEY.safetensors} in the run's
 * output directory. KEY hashes the reference checkpoint (config.json and weight files) and every
 * token id and loss-mask bit of the training and held-out pairs, so a changed model, template,
 * max_length or data set never reuses a stale cache; a resumed run reuses it.
 */
public final class ReferenceCache {
    static final String PREFIX = "ref_logps-";
    static final String SUFFIX = ".safetensors";
    private static final int KEY_HEX = 16;

    private ReferenceCache() {}

    /** The cache key of the pairs scored by the reference in {@code referenceDir}. */
    public static String key(Path referenceDir, EncodedPairs train, EncodedPairs eval) {
        MessageDigest d = EncodedPairs.sha256();
        try (Stream<Path> files = Files.list(referenceDir)) {
            List<Path> weights = files.filter(f -> {
                String n = f.getFileName().toString();
                return n.equals("config.json") || n.endsWith(".safetensors") || n.endsWith(".safetensors.index.json");
            }).sorted().toList();
            byte[] buf = new byte[1 << 16];
            for (Path f : weights) {
                d.update(f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        d.update(buf, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reference checkpoint " + referenceDir + ": " + e.getMessage(), e);
        }
        train.digest(d);
        eval.digest(d);
        return HexFormat.of().formatHex(d.digest()).substring(0, KEY_HEX);
    }

    /** The cache file of {@code key} in {@code outputDir}. */
    public static Path file(Path outputDir, String key) {
        return outputDir.resolve(PREFIX + key + SUFFIX);
    }

    /**
     * Loads the cached values of {@code key}, or computes them with {@code model} (which must hold
     * the reference weights, e.g. the policy before its first step) and writes the cache atomically.
     */
    public static PrecomputedReference loadOrCompute(Path outputDir, String key, CausalLanguageModel model,
            Collator collator, EncodedPairs train, EncodedPairs eval, int batchSize, PrintStream out) {
        Path file = file(outputDir, key);
        if (Files.isRegularFile(file)) {
            PrecomputedReference cached = read(file, train.size(), eval.size());
            out.println("reference log-probs: reusing " + file.getFileName());
            return cached;
        }
        long t0 = System.nanoTime();
        float[][] tr = compute(model, collator, train, batchSize);
        float[][] ev = compute(model, collator, eval, batchSize);
        write(file, tr, ev);
        out.printf("reference log-probs: computed for %d + %d pairs in %.1f s, cached in %s%n", train.size(),
                eval.size(), (System.nanoTime() - t0) / 1e9, file.getFileName());
        return new PrecomputedReference(tr, ev);
    }

    /** {chosen, rejected} summed log-probs of every pair under {@code model}, without gradients or dropout. */
    public static float[][] compute(CausalLanguageModel model, Collator collator, EncodedPairs pairs, int batchSize) {
        PairScores s = PairScores.of(model, collator, pairs, batchSize);
        return new float[][] {s.chosen(), s.rejected()};
    }

    static void write(Path file, float[][] train, float[][] eval) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            put(tensors, m, "train", train);
            put(tensors, m, "eval", eval);
            AtomicFiles.writeFile(file, tmp -> SafeTensorsWriter.write(tmp, tensors, TensorDType.F32));
        }
    }

    private static void put(Map<String, NDArray> tensors, NDManager m, String split, float[][] v) {
        if (v[0].length > 0) {
            tensors.put(split + ".chosen", m.create(v[0]));
            tensors.put(split + ".rejected", m.create(v[1]));
        }
    }

    static PrecomputedReference read(Path file, int trainSize, int evalSize) {
        SafeTensorsFile st = SafeTensorsFile.open(file);
        try (NDManager m = NDManager.newBaseManager()) {
            return new PrecomputedReference(get(st, m, "train", trainSize), get(st, m, "eval", evalSize));
        }
    }

    private static float[][] get(SafeTensorsFile st, NDManager m, String split, int size) {
        if (size == 0) {
            return new float[][] {new float[0], new float[0]};
        }
        float[] c = st.load(split + ".chosen", m).toFloatArray();
        float[] r = st.load(split + ".rejected", m).toFloatArray();
        if (c.length != size || r.length != size) {
            throw new IllegalStateException(st.file() + ": holds " + c.length + " " + split + " values for " + size
                    + " pairs; delete the file to recompute it");
        }
        return new float[][] {c, r};
    }
}
