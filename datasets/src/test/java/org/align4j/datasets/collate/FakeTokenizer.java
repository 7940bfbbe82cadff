package org.align4j.datasets.collate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A character-level test tokenizer: special markers get small ids, every other code point is its own id. */
final class FakeTokenizer implements TextEncoder {
    static final int BOS = 1;
    static final int EOS = 2;
    static final int IM_START = 3;
    static final int IM_END = 4;
    static final int PAD = 0;
    private static final Map<String, Integer> SPECIAL = Map.of("<s>", BOS, "</s>", EOS, "<|im_start|>", IM_START,
            "<|im_end|>", IM_END);

    @Override
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        int i = 0;
        outer:
        while (i < text.length()) {
            for (Map.Entry<String, Integer> e : SPECIAL.entrySet()) {
                if (text.startsWith(e.getKey(), i)) {
                    ids.add(e.getValue());
                    i += e.getKey().length();
                    continue outer;
                }
            }
            int cp = text.codePointAt(i);
            ids.add(cp);
            i += Character.charCount(cp);
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    static int count(int[] ids, int id) {
        int n = 0;
        for (int v : ids) {
            n += v == id ? 1 : 0;
        }
        return n;
    }
}
