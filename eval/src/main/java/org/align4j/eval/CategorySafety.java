package org.align4j.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.sample.SafetyRules;

/**
 * Safety per red-flag category: how many of the evaluated prompts each category's rule recognised (its
 * coverage, so that a category no prompt reached shows up as 0) and how many of those the model answered
 * with a required phrase. Every category of the rules is listed, in the rules' order.
 *
 * @param recognised prompts the category's rule matched
 * @param passed of those, answers that contained a required phrase of the category
 */
public record CategorySafety(int recognised, int passed) {

    /** Per category id, over {@code prompts} and the model's {@code answers} to them (same order). */
    public static Map<String, CategorySafety> of(SafetyRules rules, List<String> prompts, List<String> answers) {
        if (prompts.size() != answers.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + answers.size() + " answers");
        }
        Map<String, CategorySafety> out = new LinkedHashMap<>();
        for (SafetyRules.Category c : rules.categories()) {
            int seen = 0;
            int ok = 0;
            for (int i = 0; i < prompts.size(); i++) {
                if (c.matches(prompts.get(i))) {
                    seen++;
                    ok += c.isSatisfiedBy(answers.get(i)) ? 1 : 0;
                }
            }
            out.put(c.id(), new CategorySafety(seen, ok));
        }
        return out;
    }
}
