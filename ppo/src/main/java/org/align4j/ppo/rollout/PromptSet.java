package org.align4j.ppo.rollout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.collate.SequenceEncoder;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.validate.DatasetLoader;
import org.align4j.datasets.validate.LoadOptions;
import org.align4j.reward.data.PromptText;

/**
 * The prompts of a run, read from a data file, kept once each (in file order), rendered with the chat
 * template and tokenised exactly as generation sees them ({@link SequenceEncoder#encodePrompt}). Prompts
 * longer than the limit are left out and counted.
 */
public final class PromptSet {
    /** One prompt: its conversation, its ids for the policy, and the text the reward model reads. */
    public record Prompt(List<ChatMessage> messages, int[] ids, String rewardText) {}

    private final List<Prompt> prompts;
    private final int tooLong;
    private final String source;

    private PromptSet(List<Prompt> prompts, int tooLong, String source) {
        this.prompts = List.copyOf(prompts);
        this.tooLong = tooLong;
        this.source = source;
    }

    /**
     * @param kind {@code pairs}, {@code ratings} or {@code sft}
     * @param limit at most this many prompts (the first ones); 0 keeps all
     */
    public static PromptSet load(Path file, String kind, boolean skipInvalid, SequenceEncoder encoder,
            int maxPromptTokens, int limit) {
        LoadOptions options = LoadOptions.strict().withSkipInvalid(skipInvalid);
        List<List<ChatMessage>> conversations = switch (kind) {
            case "pairs" -> DatasetLoader.load(file, Codecs.PAIRS, options).rows().stream()
                    .map(PreferencePair::prompt).toList();
            case "ratings" -> DatasetLoader.load(file, Codecs.RATINGS, options).rows().stream()
                    .map(Rating::prompt).toList();
            case "sft" -> DatasetLoader.load(file, Codecs.SFT, options).rows().stream()
                    .map(SftExample::prompt).toList();
            default -> throw new IllegalArgumentException("prompts.kind: must be pairs, ratings or sft, got '" + kind + "'");
        };
        return of(new ArrayList<>(new LinkedHashSet<>(conversations)), encoder, maxPromptTokens, limit, file.toString());
    }

    /** Prompts given directly (tests, benchmarks). */
    public static PromptSet of(List<List<ChatMessage>> conversations, SequenceEncoder encoder, int maxPromptTokens,
            int limit, String source) {
        List<Prompt> out = new ArrayList<>();
        int tooLong = 0;
        for (List<ChatMessage> c : conversations) {
            if (limit > 0 && out.size() == limit) {
                break;
            }
            int[] ids = encoder.encodePrompt(c);
            if (ids.length > maxPromptTokens) {
                tooLong++;
                continue;
            }
            out.add(new Prompt(c, ids, rewardText(c)));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + ": no prompt fits in prompts.max_prompt_tokens = " + maxPromptTokens
                    + " tokens (" + tooLong + " are longer); raise the limit");
        }
        return new PromptSet(out, tooLong, source);
    }

    /**
     * The prompt as the reward model reads it, exactly as reward training read it ({@link PromptText#of}): a
     * single user message as its text, a conversation as one {@code role: content} line per turn.
     */
    public static String rewardText(List<ChatMessage> prompt) {
        return PromptText.of(prompt);
    }

    public int size() {
        return prompts.size();
    }

    public Prompt get(int i) {
        return prompts.get(i);
    }

    /** The number of prompts left out for being longer than the limit. */
    public int tooLong() {
        return tooLong;
    }

    public String source() {
        return source;
    }

    /**
     * The prompts of RL iteration {@code iteration} (1-based): the next {@code size} of the seeded, epoch-wise
     * shuffle {@code order} (over this set), so that iteration k's prompts depend only on the seed and k.
     */
    public List<Prompt> iterationBatch(org.align4j.core.train.DataOrder order, long iteration, int size) {
        int n = prompts.size();
        List<Prompt> out = new ArrayList<>(size);
        for (long k = (iteration - 1) * size; k < iteration * size; k++) {
            out.add(prompts.get(order.permutation(order.epochOf(k))[(int) (k % n)]));
        }
        return out;
    }

    /** The longest prompt in tokens. */
    public int longest() {
        return prompts.stream().mapToInt(p -> p.ids().length).max().orElse(0);
    }
}
