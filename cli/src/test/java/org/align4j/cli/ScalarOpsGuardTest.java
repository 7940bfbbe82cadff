package org.align4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * No align4j class on cli's test classpath (every module's main classes, core's, dpo's and the store's test-jars) calls DJL's array-with-number
 * arithmetic whose backward pass needs the number ({@code mul}, {@code div}, {@code pow}, {@code maximum}, …
 * with a {@code Number}). DJL 0.35.1 hands that number to PyTorch over a Java buffer that garbage collection
 * frees while autograd still holds it, so training read garbage gradients at random steps. Every such call
 * goes through {@code org.align4j.core.nn.Scalars}, the one class allowed to make it.
 */
class ScalarOpsGuardTest {
    /** Ops whose gradient reads the scalar operand; add/sub and comparisons do not and stay allowed. */
    private static final Set<String> UNSAFE = Set.of(
            "mul", "muli", "div", "divi", "pow", "powi", "maximum", "minimum", "rdiv", "rdivi", "rpow", "rpowi");
    private static final Set<String> OWNERS =
            Set.of("ai/djl/ndarray/NDArray", "ai/djl/pytorch/engine/PtNDArray", "ai/djl/ndarray/NDArrays");
    private static final String ALLOWED = "org/align4j/core/nn/Scalars";
    /** This test's own example of the call it forbids. */
    private static final String EXAMPLE = "org/align4j/cli/ScalarOpsGuardTest$Offender.class";

    @Test
    void onlyScalarsCallsDjlNumberArithmeticThatAutogradKeeps() throws Exception {
        List<String> scanned = new ArrayList<>();
        Set<String> calls = new TreeSet<>();
        for (URL root : Collections.list(getClass().getClassLoader().getResources("org/align4j"))) {
            forEachClass(root, (name, in) -> {
                scanned.add(name);
                if (!name.equals(ALLOWED + ".class") && !name.equals(EXAMPLE)) {
                    calls.addAll(unsafeCalls(in));
                }
            });
        }
        // The scan must have seen every module's classes, or an empty result would prove nothing.
        assertThat(scanned).contains(
                ALLOWED + ".class",
                "org/align4j/dpo/loss/DpoLosses.class",
                "org/align4j/ppo/math/PpoLosses.class",
                "org/align4j/reward/RewardLosses.class",
                "org/align4j/cli/ScalarOpsGuardTest.class");
        assertThat(calls).as("calls to replace with org.align4j.core.nn.Scalars").isEmpty();
    }

    @Test
    void theScanFindsSuchACall() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/" + EXAMPLE)) {
            assertThat(unsafeCalls(in)).singleElement().asString()
                    .matches("org\\.align4j\\.cli\\.ScalarOpsGuardTest\\$Offender:\\d+ \\.mul\\(Number\\)");
        }
    }

    /** Compiled, never run. */
    static final class Offender {
        static ai.djl.ndarray.NDArray half(ai.djl.ndarray.NDArray x) {
            return x.mul(0.5f);
        }
    }

    /** "class:line .op(Number)" for each unsafe call in one class file. */
    static List<String> unsafeCalls(InputStream classFile) throws IOException {
        List<String> found = new ArrayList<>();
        ClassReader reader = new ClassReader(classFile);
        String cls = reader.getClassName();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String m, String desc, String sig, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9) {
                    int line = -1;

                    @Override
                    public void visitLineNumber(int ln, Label start) {
                        line = ln;
                    }

                    @Override
                    public void visitMethodInsn(int op, String owner, String name, String d, boolean itf) {
                        if (OWNERS.contains(owner) && UNSAFE.contains(name) && d.contains("Ljava/lang/Number;")) {
                            found.add(cls.replace('/', '.') + ":" + line + " ." + name + "(Number)");
                        }
                    }
                };
            }
        }, 0);
        return found;
    }

    interface ClassFileConsumer {
        void accept(String name, InputStream in) throws IOException;
    }

    private static void forEachClass(URL root, ClassFileConsumer consumer) throws IOException, URISyntaxException {
        if (root.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    if (entry.getName().startsWith("org/align4j/") && entry.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            consumer.accept(entry.getName(), in);
                        }
                    }
                }
            }
            return;
        }
        Path dir = Path.of(root.toURI());
        Path base = dir.getParent().getParent(); // the classpath root above org/align4j
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                try (InputStream in = Files.newInputStream(file)) {
                    consumer.accept(base.relativize(file).toString().replace('\\', '/'), in);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
    }
}
