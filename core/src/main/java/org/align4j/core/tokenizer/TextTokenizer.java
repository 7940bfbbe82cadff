package org.align4j.core.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Hugging Face tokenizer loaded from a model directory. Encoding and decoding run in the Rust
 * {@code tokenizers} library through DJL ({@code ai.djl.huggingface:tokenizers}), so ids match what
 * Python's {@code tokenizers}/{@code transformers} give for the same {@code tokenizer.json}; align4j reads
 * the JSON files itself for the vocabulary and the special tokens ({@link SpecialTokens} documents the
 * rules).
 *
 * <p>Added tokens written literally in the text, such as {@code <|im_start|>}, are always recognised as
 * their single id (Hugging Face behaviour), whether or not special tokens are added. Padding and
 * truncation are never applied here: callers pad with {@link SpecialTokens#padForCausalLm()} or
 * {@link SpecialTokens#requirePad()} and truncate themselves. Encoding and decoding may run on several
 * threads at once; {@link #close()} frees the native tokenizer.
 */
public final class TextTokenizer implements AutoCloseable {
    /**
     * DJL's options for whole texts. DJL truncates to {@code modelMaxLength} (512 unless given) whenever
     * "truncation" is anything but "false", and the native tokenizer also applies a truncation or padding
     * section stored in tokenizer.json; "false" for both makes DJL disable them in the native tokenizer, so
     * a text of any length comes back whole. align4j truncates on its own terms, counted
     * ({@code datasets/collate/Truncation}).
     */
    static final Map<String, String> WHOLE_TEXTS =
            Map.of("addSpecialTokens", "false", "padding", "false", "truncation", "false");

    private final HuggingFaceTokenizer hf;
    private final Path directory;
    private final TokenizerVocab vocab;
    private final SpecialTokens special;
    private final TokenizerSettings settings;

    private TextTokenizer(HuggingFaceTokenizer hf, Path directory, TokenizerVocab vocab, SpecialTokens special,
            TokenizerSettings settings) {
        this.hf = hf;
        this.directory = directory;
        this.vocab = vocab;
        this.special = special;
        this.settings = settings;
    }

    /**
     * Loads {@code tokenizer.json} from {@code path} (a model directory, or the tokenizer.json file itself)
     * with tokenizer_config.json, special_tokens_map.json, config.json and generation_config.json from the
     * same directory when present.
     *
     * @throws TokenizerFileException naming the file when one is missing, not JSON, or inconsistent
     */
    public static TextTokenizer load(Path path) {
        boolean isDir = Files.isDirectory(path);
        Path file = isDir ? path.resolve(TokenizerFiles.TOKENIZER_JSON) : path;
        Path dir = isDir ? path : path.toAbsolutePath().getParent();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TokenizerFileException(file, "not found; a model directory needs the tokenizer.json that "
                    + "Hugging Face tokenizers saves (train one with `align tokenizer train`)");
        } catch (IOException e) {
            throw new TokenizerFileException(file, "cannot be read: " + e, e);
        }
        JsonNode root = JsonFiles.parseObject(file, bytes);
        TokenizerVocab vocab = TokenizerVocab.parse(file, root);
        SpecialTokens special = SpecialTokenResolver.resolve(dir, file, root, vocab);
        TokenizerSettings settings = TokenizerFiles.readSettings(dir);
        HuggingFaceTokenizer hf;
        try {
            hf = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), WHOLE_TEXTS);
        } catch (IOException | RuntimeException e) {
            throw new TokenizerFileException(file, "Hugging Face tokenizers rejected it: " + e.getMessage()
                    + "; re-save it with a current tokenizers release or train a new one", e);
        }
        return new TextTokenizer(hf, dir, vocab, special, settings);
    }

    /** The ids of {@code text}, with no special tokens added (added tokens in the text still match). */
    public int[] encode(String text) {
        return toInts(hf.encode(text, false, false).getIds());
    }

    /** The ids of {@code text} wrapped by the post-processor, e.g. BERT's {@code [CLS] text [SEP]}. */
    public int[] encodeWithSpecialTokens(String text) {
        return toInts(hf.encode(text, true, false).getIds());
    }

    /** {@link #encode} for many texts at once, in parallel inside the native library. */
    public int[][] encodeBatch(List<String> texts) {
        Encoding[] encodings = hf.batchEncode(texts.toArray(String[]::new), false, false);
        int[][] out = new int[encodings.length][];
        for (int i = 0; i < encodings.length; i++) {
            out[i] = toInts(encodings[i].getIds());
        }
        return out;
    }

    /**
     * Encodes a text pair with the post-processor's special tokens and segment ids; for BERT
     * {@code [CLS] a [SEP] b [SEP]} with type ids 0 up to the first [SEP] and 1 after it.
     */
    public PairEncoding encodePair(String first, String second) {
        Encoding e = hf.encode(first, second, true, false);
        return new PairEncoding(toInts(e.getIds()), toInts(e.getTypeIds()), toInts(e.getSpecialTokenMask()));
    }

    /** The token strings of {@code text} (no special tokens added); byte-level tokens show GPT-2's characters. */
    public List<String> tokens(String text) {
        return List.of(hf.encode(text, false, false).getTokens());
    }

    /** Text of {@code ids}; with {@code skipSpecialTokens}, added tokens marked special are left out. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        return hf.decode(toLongs(ids), skipSpecialTokens);
    }

    /** {@link #decode} for many sequences at once. */
    public List<String> decodeBatch(int[][] ids, boolean skipSpecialTokens) {
        long[][] longs = new long[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = toLongs(ids[i]);
        }
        return List.of(hf.batchDecode(longs, skipSpecialTokens));
    }

    /** The largest id + 1 over the vocabulary and the added tokens: the embedding rows a model needs. */
    public int vocabSize() {
        return vocab.size();
    }

    /** The id of a vocabulary string or added token (e.g. {@code <|im_end|>}, {@code [CLS]}, {@code Ġthe}). */
    public OptionalInt tokenId(String token) {
        return vocab.id(token);
    }

    /** The vocabulary string of {@code id}. */
    public Optional<String> token(int id) {
        return vocab.token(id);
    }

    /** The special tokens, resolved as {@link SpecialTokens} describes. */
    public SpecialTokens special() {
        return special;
    }

    /** tokenizer_config.json's settings: model_max_length, chat_template, align4j_template. */
    public TokenizerSettings settings() {
        return settings;
    }

    /** The directory the tokenizer was loaded from. */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        hf.close();
    }

    private static int[] toInts(long[] values) {
        return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
    }

    private static long[] toLongs(int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
    }
}
