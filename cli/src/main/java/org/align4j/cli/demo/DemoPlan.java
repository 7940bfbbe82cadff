package org.align4j.cli.demo;

/**
 * The sizes of one demo run: {@link #full} (≤ 15 minutes on 2 CPU cores; the numbers show alignment) and
 * {@link #quick} (under 3 minutes; the same stages, for smoke tests).
 *
 * @param name "full" or "quick"
 * @param vocab BPE vocabulary of the policy's tokenizer
 * @param sftEpochs passes over the 2,200 SFT examples (small Qwen2: d 256, 4 layers)
 * @param sftMaxSteps a cap on SFT steps (-1: none)
 * @param rmPreset the reward model's BERT size
 * @param rmMaxSteps reward-model steps (-1: {@code rmEpochs} epochs)
 * @param rmEpochs passes over the 1,100 training pairs
 * @param ppoIterations PPO iterations of {@code ppoRollout} sampled answers each
 * @param ppoRollout answers per PPO iteration
 * @param dpoMaxSteps DPO steps (-1: one epoch over the training pairs)
 * @param evalPrompts held-out prompts answered per model in the evaluation
 * @param queuePrompts held-out questions each model answers into the feedback queue
 * @param trainRows the first rows of each training file used (-1: all)
 * @param heldOutRows the first rows of each held-out file used (with {@code trainRows} > 0)
 */
record DemoPlan(String name, int vocab, int sftEpochs, int sftMaxSteps, String rmPreset, int rmMaxSteps, int rmEpochs,
        int ppoIterations, int ppoRollout, int dpoMaxSteps, int evalPrompts, int queuePrompts, int trainRows,
        int heldOutRows) {

    static DemoPlan full() {
        return new DemoPlan("full", 4096, 2, -1, "small", -1, 2, 40, 32, -1, 64, 20, -1, -1);
    }

    static DemoPlan quick() {
        return new DemoPlan("quick", 2048, 1, 40, "small", 30, 1, 3, 16, 12, 8, 4, 320, 40);
    }
}
