package org.align4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.nn.Scalars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdamWTest {
    @TempDir Path tmp;
    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    private Parameter param(String name, float[] values, Shape shape) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        NDArray a = manager.create(values, shape);
        a.setRequiresGradient(true);
        p.setArray(a);
        return p;
    }

    /** Accumulates d/dθ of sum(θ · c) = c into every parameter. */
    private static void backward(List<Parameter> params, float c) {
        try (NDManager step = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = step.zeros(new Shape());
            for (Parameter p : params) {
                step.tempAttachAll(p.getArray()); // so that p·c lands on the step manager
                loss = loss.add(Scalars.mul(p.getArray(), c).sum());
            }
            gc.backward(loss);
        }
    }

    @Test
    void twoStepsMatchTheHandComputedTorchAdamWUpdate() {
        Parameter matrix = param("w", new float[] {1f}, new Shape(1, 1));
        Parameter bias = param("b", new float[] {1f}, new Shape(1));
        List<Parameter> ps = List.of(matrix, bias);
        try (AdamW opt = new AdamW(List.of(new TrainableParameter("w", matrix, true),
                new TrainableParameter("b", bias, false)), new AdamW.Hyper(0.9, 0.999, 1e-8, 0.1))) {
            backward(ps, 0.5f);
            opt.step(0.1);
            opt.zeroGrad();
            // decayed: 1·(1 − 0.1·0.1) = 0.99, then − (0.1/0.1)·0.05/(0.5 + 1e-8) = 0.89; the bias is not decayed
            assertThat(matrix.getArray().getFloat(0, 0)).isCloseTo(0.89f, within(1e-6f));
            assertThat(bias.getArray().getFloat(0)).isCloseTo(0.9f, within(1e-6f));
            backward(ps, 0.5f);
            opt.step(0.1);
            opt.zeroGrad();
            // 0.89·0.99 = 0.8811; m = 0.095, √(v/bc2) = 0.5: − (0.1/0.19)·0.095/0.5 = − 0.1
            assertThat(matrix.getArray().getFloat(0, 0)).isCloseTo(0.7811f, within(3e-6f));
            assertThat(bias.getArray().getFloat(0)).isCloseTo(0.8f, within(3e-6f));
            assertThat(opt.steps()).isEqualTo(2);
        }
    }

    @Test
    void zeroGradClearsAccumulatedGradients() {
        Parameter w = param("w", new float[] {1f, 2f}, new Shape(2));
        try (AdamW opt = new AdamW(List.of(new TrainableParameter("w", w, false)), new AdamW.Hyper(0.9, 0.999, 1e-8, 0))) {
            backward(List.of(w), 3f);
            backward(List.of(w), 3f);
            try (NDArray g = Gradients.of(w.getArray())) {
                assertThat(g.toFloatArray()).containsExactly(6f, 6f); // accumulated over two backward passes
            }
            opt.zeroGrad();
            try (NDArray g = Gradients.of(w.getArray())) {
                assertThat(g.toFloatArray()).containsExactly(0f, 0f);
            }
        }
    }

    @Test
    void savedStateRestoresSoThatContinuingGivesIdenticalWeights() {
        float[] init = {0.3f, -1.2f, 2.0f, 0.7f};
        Parameter a = param("a", init, new Shape(2, 2));
        Parameter b = param("a", init, new Shape(2, 2));
        AdamW.Hyper h = new AdamW.Hyper(0.9, 0.95, 1e-8, 0.01);
        float[] grads = {0.4f, -2f, 1.5f};
        try (AdamW straight = new AdamW(List.of(new TrainableParameter("a", a, true)), h)) {
            for (float g : grads) {
                backward(List.of(a), g);
                straight.step(0.05);
                straight.zeroGrad();
            }
        }
        try (AdamW first = new AdamW(List.of(new TrainableParameter("a", b, true)), h)) {
            backward(List.of(b), grads[0]);
            first.step(0.05);
            first.zeroGrad();
            first.save(tmp);
        }
        try (AdamW resumed = new AdamW(List.of(new TrainableParameter("a", b, true)), h)) {
            resumed.load(tmp);
            assertThat(resumed.steps()).isEqualTo(1);
            for (int i = 1; i < grads.length; i++) {
                backward(List.of(b), grads[i]);
                resumed.step(0.05);
                resumed.zeroGrad();
            }
        }
        assertThat(b.getArray().toFloatArray()).containsExactly(a.getArray().toFloatArray());
    }

    @Test
    void loadingStateOfOtherParametersFailsNamingThem() {
        Parameter a = param("a", new float[] {1f}, new Shape(1));
        try (AdamW opt = new AdamW(List.of(new TrainableParameter("layer.a", a, false)), new AdamW.Hyper(0.9, 0.999, 1e-8, 0))) {
            opt.save(tmp);
        }
        try (AdamW other = new AdamW(List.of(new TrainableParameter("layer.b", a, false)),
                new AdamW.Hyper(0.9, 0.999, 1e-8, 0))) {
            assertThatThrownBy(() -> other.load(tmp)).hasMessageContaining("layer.b").hasMessageContaining("layer.a");
        }
    }

    @Test
    void stepTemporariesDoNotAccumulateOnAnyManager() {
        Parameter w = param("w", new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));
        try (AdamW opt = new AdamW(List.of(new TrainableParameter("w", w, true)), new AdamW.Hyper(0.9, 0.999, 1e-8, 0.1))) {
            backward(List.of(w), 1f);
            opt.step(0.01);
            opt.zeroGrad();
            NDManager root = manager.getParentManager();
            int before = root.getManagedArrays().size();
            for (int i = 0; i < 5; i++) {
                backward(List.of(w), 1f);
                GradientClipping.clipGlobalNorm(opt.arrays(), 0.5, i);
                opt.step(0.01);
                opt.zeroGrad();
            }
            assertThat(root.getManagedArrays().size()).isEqualTo(before);
        }
    }

    /** Today's (pre-fused) update, op by op, as torch.optim.AdamW: the reference the fused update must equal. */
    private static void referenceStep(List<TrainableParameter> ps, List<NDArray[]> moments, long t, double lr,
            AdamW.Hyper h, List<NDArray> grads) {
        double bc1 = 1.0 - Math.pow(h.beta1(), t);
        double bc2Sqrt = Math.sqrt(1.0 - Math.pow(h.beta2(), t));
        float b1 = (float) h.beta1();
        float b2 = (float) h.beta2();
        for (int i = 0; i < ps.size(); i++) {
            NDArray p = ps.get(i).parameter().getArray();
            NDArray m = moments.get(i)[0];
            NDArray v = moments.get(i)[1];
            NDArray g = grads.get(i);
            if (ps.get(i).decay()) {
                Scalars.muli(p, (float) (1.0 - lr * h.weightDecay()));
            }
            Scalars.muli(m, b1).addi(Scalars.mul(g, 1 - b1));
            Scalars.muli(v, b2).addi(Scalars.muli(g.square(), 1 - b2));
            NDArray denom = Scalars.divi(v.sqrt(), (float) bc2Sqrt).addi((float) h.eps());
            p.subi(Scalars.muli(m.div(denom), (float) (lr / bc1)));
        }
    }

    @Test
    void fusedUpdateEqualsTheOpByOpTorchAdamWToOneMillionthOverManySteps() {
        java.util.Random random = new java.util.Random(7);
        Shape[] shapes = {new Shape(3, 4), new Shape(4), new Shape(2, 3, 2)};
        boolean[] decays = {true, false, true};
        AdamW.Hyper h = new AdamW.Hyper(0.9, 0.95, 1e-6, 0.1);
        List<TrainableParameter> fused = new java.util.ArrayList<>();
        List<TrainableParameter> reference = new java.util.ArrayList<>();
        List<NDArray[]> moments = new java.util.ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            float[] init = new float[(int) shapes[i].size()];
            for (int j = 0; j < init.length; j++) {
                init[j] = (float) random.nextGaussian();
            }
            fused.add(new TrainableParameter("p" + i, param("p" + i, init, shapes[i]), decays[i]));
            reference.add(new TrainableParameter("p" + i, param("p" + i, init, shapes[i]), decays[i]));
            moments.add(new NDArray[] {manager.zeros(shapes[i]), manager.zeros(shapes[i])});
        }
        try (AdamW opt = new AdamW(fused, h)) {
            for (int step = 1; step <= 8; step++) {
                double lr = 0.01 * step;
                List<NDArray> grads = new java.util.ArrayList<>();
                for (Shape shape : shapes) {
                    float[] g = new float[(int) shape.size()];
                    for (int j = 0; j < g.length; j++) {
                        // some gradients far below ε's scale, some large
                        g[j] = (float) (random.nextGaussian() * (j % 3 == 0 ? 1e-5 : 2.0));
                    }
                    grads.add(manager.create(g, shape));
                }
                try (NDManager sm = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = sm.zeros(new Shape());
                    for (int i = 0; i < shapes.length; i++) {
                        sm.tempAttachAll(fused.get(i).parameter().getArray());
                        loss = loss.add(fused.get(i).parameter().getArray().mul(grads.get(i)).sum());
                    }
                    gc.backward(loss);
                }
                opt.step(lr);
                opt.zeroGrad();
                referenceStep(reference, moments, step, lr, h, grads);
                for (int i = 0; i < shapes.length; i++) {
                    float[] a = fused.get(i).parameter().getArray().toFloatArray();
                    float[] b = reference.get(i).parameter().getArray().toFloatArray();
                    for (int j = 0; j < a.length; j++) {
                        assertThat(a[j]).as("step %d, p%d[%d]", step, i, j).isCloseTo(b[j], within(1e-6f));
                    }
                }
            }
        }
    }

    @Test
    void stepWithGivenGradientsUpdatesTheGivenWeightsAndAppliesTheGradientScale() {
        Parameter w = param("w", new float[] {1f}, new Shape(1, 1));
        NDArray master = manager.create(new float[] {1f}, new Shape(1, 1));
        try (AdamW opt = new AdamW(List.of(new TrainableParameter("w", w, true)), List.of(master),
                new AdamW.Hyper(0.9, 0.999, 1e-8, 0.1))) {
            // a gradient of 512 scaled by 1/1024 is 0.5: the hand-computed first step of the test above
            opt.step(0.1, List.of(manager.create(new float[] {512f}, new Shape(1, 1))), 1f / 1024);
            assertThat(master.getFloat(0, 0)).isCloseTo(0.89f, within(1e-6f));
            assertThat(w.getArray().getFloat(0, 0)).isEqualTo(1f); // the parameter itself is left alone
        }
    }
}
