package org.align4j.reward.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.align4j.reward.RewardMetrics.CalibrationBucket;

/** JSON and text rendering shared by the reports: non-finite numbers become JSON null. */
final class ReportJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReportJson() {}

    static ObjectNode object() {
        return F.objectNode();
    }

    static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    static ArrayNode calibration(List<CalibrationBucket> buckets, String rateKey) {
        ArrayNode a = F.arrayNode();
        for (CalibrationBucket b : buckets) {
            ObjectNode o = a.addObject();
            put(o, "low", b.low());
            put(o, "high", b.high());
            o.put("count", b.count());
            put(o, "mean_score", b.meanScore());
            put(o, rateKey, b.positiveRate());
        }
        return a;
    }

    static String table(List<CalibrationBucket> buckets, String rateName) {
        StringBuilder sb = new StringBuilder(String.format("calibration (answers by score)%n  %-6s %-21s %6s %9s  %s%n",
                "bucket", "scores", "n", "mean", rateName));
        for (int i = 0; i < buckets.size(); i++) {
            CalibrationBucket b = buckets.get(i);
            sb.append(String.format("  %-6d [%8.3f, %8.3f] %6d %9.3f  %.3f%n", i + 1, b.low(), b.high(), b.count(),
                    b.meanScore(), b.positiveRate()));
        }
        return sb.toString();
    }
}
