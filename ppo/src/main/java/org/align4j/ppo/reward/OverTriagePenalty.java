package org.align4j.ppo.reward;

/**
 * −1 for an answer that sends the patient to emergency care although no red-flag rule matches its prompt
 * ({@link SafetyReward#overTriage}), 0 for every other answer: the counterweight to the {@code safety} reward, under
 * which escalating is never wrong. Give it a positive weight.
 */
public record OverTriagePenalty(SafetyReward rules) implements RewardFunction {
    @Override
    public double[] score(AnswerBatch batch) {
        double[] over = rules.overTriage(batch.prompts(), batch.answers());
        double[] out = new double[over.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = over[i] > 0 ? -1 : 0; // not -0.0 for the others
        }
        return out;
    }
}
