package org.align4j.core.train;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Probes that observe or disturb a training run from outside its task; core's test-jar shares them with each stage. */
public final class TaskProbes {
    private TaskProbes() {}

    /**
     * {@code task} with {@code beforeLoss} run before each of its loss calls, given the call's number (from 1). Every
     * method, the interface's defaults included, still goes to {@code task}, so the probe cannot change the run.
     */
    public static TrainingTask beforeEachLoss(TrainingTask task, IntConsumer beforeLoss) {
        AtomicInteger calls = new AtomicInteger();
        InvocationHandler forward = (proxy, method, args) -> {
            if (method.getName().equals("loss")) {
                beforeLoss.accept(calls.incrementAndGet());
            }
            try {
                return method.invoke(task, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (TrainingTask) Proxy.newProxyInstance(TrainingTask.class.getClassLoader(),
                new Class<?>[] {TrainingTask.class}, forward);
    }
}
