/**
 * The training loop pieces every stage shares (SFT, reward model, DPO; PPO uses the parts it needs).
 *
 * <h2>Running a stage on the loop</h2>
 * <ol>
 *   <li>A config record per stage with a {@code train:} section of type
 *       {@link org.align4j.core.train.config.TrainConfig}, loaded by
 *       {@link org.align4j.core.train.config.RunConfigLoader#load} (YAML/JSON, {@code --set a.b=c}
 *       overrides, unknown keys and bad values are errors naming the field).</li>
 *   <li>A {@link org.align4j.core.train.TrainingTask}: the data size, {@code collate(indices)} into a
 *       {@link org.align4j.core.train.MicroBatch} (Java arrays; its {@code weight()} is the loss normaliser:
 *       tokens, pairs), {@code loss(stepManager, batch)} returning a summed loss in the autograd graph,
 *       {@code evaluate()} with {@code eval_loss}, the {@link org.align4j.core.train.TrainableParameter}s
 *       (use {@link org.align4j.core.train.ParameterGroups#of} or {@code LoraModel#trainableParameters}),
 *       and how weights are saved/loaded/finalised.</li>
 *   <li>{@code new TrainingLoop(cfg.train(), task, RunConfigLoader.toYaml(cfg), signal, out).run()}, with
 *       {@code signal = new StopSignal().installShutdownHook(600)} for Ctrl-C.</li>
 * </ol>
 * The loop gives each step: engine reseeded with {@code seed + step}; {@code grad_accum} micro-batches from
 * the seeded {@link org.align4j.core.train.DataOrder}, each forward/backward in its own {@code NDManager},
 * the summed loss divided by the step's total weight; NaN/Inf check; global-norm clipping
 * ({@link org.align4j.core.train.GradientClipping}); {@link org.align4j.core.train.AdamW} at
 * {@link org.align4j.core.train.LrSchedule#at}; zeroed gradients. Around it: {@code metrics.jsonl},
 * TensorBoard events, a progress bar or log lines, evaluation with
 * {@link org.align4j.core.train.EarlyStopping}, atomic {@code checkpoint-STEP/} directories
 * ({@link org.align4j.core.train.Checkpoints}) holding the task's weights, {@code run_config.yaml} and
 * {@code training_state/} (optimizer moments, {@link org.align4j.core.train.TrainingState}), and exact
 * resume from the latest one.
 *
 * <h2>A stage with its own step (PPO, GRPO): {@link org.align4j.core.train.RunSession}</h2>
 * A stage whose step is not "forward, backward, AdamW" implements {@link org.align4j.core.train.RunStage}:
 * {@code step(state)} returning the next {@link org.align4j.core.train.TrainingState} and the step's metrics,
 * {@code evaluate(state)}, {@code saveCheckpoint(dir, stateDir)}, {@code restore(checkpoint, state)} and
 * {@code saveFinal(dir)}; optional hooks shape the log line, open extra JSONL logs ({@code start}) and name
 * the unit ("iteration"). {@code new RunSession(cfg.train(), totalSteps, evalEvery, yaml, signal, out).run(stage)}
 * does the rest exactly as for the loop above (the loop is itself a RunStage): run directory, resume with
 * the seed check, writers, cadence, Ctrl-C checkpoint, pruning, final directory, and one rule for
 * non-finite metric values (left out of metrics.jsonl and TensorBoard).
 *
 * <h2>Pieces that work on their own</h2>
 * {@link org.align4j.core.train.AdamW} ({@code step(lr)}, {@code zeroGrad()}, {@code save/load}),
 * {@link org.align4j.core.train.LrSchedule}, {@link org.align4j.core.train.GradientClipping},
 * {@link org.align4j.core.train.Gradients}, {@link org.align4j.core.nn.NoGrad},
 * {@link org.align4j.core.train.StopSignal}, {@link org.align4j.core.train.PeakMemory} and the writers in
 * {@code org.align4j.core.train.metrics}.
 */
package org.align4j.core.train;
