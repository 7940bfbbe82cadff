package org.align4j.core.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the engine's time goes: PyTorch's profiler records every op ({@link JniUtils#startProfile})
 * into a Chrome trace, and this summarises it per op name by <em>self</em> time (an op's duration
 * minus that of the ops it called, on the same thread), with call counts.
 */
public final class OpProfile {
    /** One op name's calls and self time. */
    public record OpStat(String name, long calls, double selfMillis) {}

    private OpProfile() {}

    /** Starts recording with shapes (CPU only). */
    public static void start() {
        JniUtils.startProfile(false, true, false);
    }

    /** Stops recording and writes the Chrome trace (viewable in chrome://tracing or Perfetto) to {@code trace}. */
    public static void stop(Path trace) {
        JniUtils.stopProfile(trace.toAbsolutePath().toString());
    }

    private record Event(String name, long tid, double ts, double dur) {}

    /** Per-op self time of a trace written by {@link #stop}, largest first. */
    public static List<OpStat> summarize(Path trace) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(trace.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profiler trace " + trace + ": " + e.getMessage(), e);
        }
        JsonNode events = root.isArray() ? root : root.path("traceEvents");
        Map<Long, List<Event>> byThread = new HashMap<>();
        for (JsonNode e : events) {
            if (!"X".equals(e.path("ph").asText())) {
                continue;
            }
            Event ev = new Event(e.path("name").asText(), e.path("tid").asLong(), e.path("ts").asDouble(),
                    e.path("dur").asDouble());
            byThread.computeIfAbsent(ev.tid(), k -> new ArrayList<>()).add(ev);
        }
        Map<String, double[]> stats = new HashMap<>(); // name → {calls, self µs}
        for (List<Event> list : byThread.values()) {
            list.sort(Comparator.comparingDouble(Event::ts).thenComparing(Comparator.comparingDouble(Event::dur).reversed()));
            Deque<double[]> stack = new ArrayDeque<>(); // {end, index}
            double[] self = new double[list.size()];
            for (int i = 0; i < list.size(); i++) {
                Event ev = list.get(i);
                while (!stack.isEmpty() && stack.peek()[0] <= ev.ts()) {
                    stack.pop();
                }
                if (!stack.isEmpty()) {
                    self[(int) stack.peek()[1]] -= ev.dur();
                }
                self[i] += ev.dur();
                stack.push(new double[] {ev.ts() + ev.dur(), i});
            }
            for (int i = 0; i < list.size(); i++) {
                double[] s = stats.computeIfAbsent(list.get(i).name(), k -> new double[2]);
                s[0]++;
                s[1] += self[i];
            }
        }
        List<OpStat> out = new ArrayList<>();
        stats.forEach((name, s) -> out.add(new OpStat(name, (long) s[0], s[1] / 1000.0)));
        out.sort(Comparator.comparingDouble(OpStat::selfMillis).reversed());
        return out;
    }
}
