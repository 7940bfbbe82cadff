package org.align4j.dpo.refresh;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import org.align4j.dpo.data.EncodedPairs;

/**
 * Which pairs are held out: decided by a hash of the pair's stable key, so a pair stays on its side
 * night after night (never trained on one night and evaluated on the next) and the held-out set grows
 * with the data.
 */
final class HeldOut {
    private static final int BUCKETS = 10_000;

    private HeldOut() {}

    static boolean isHeldOut(String key, double fraction) {
        byte[] h = EncodedPairs.sha256().digest(key.getBytes(StandardCharsets.UTF_8));
        long v = ByteBuffer.wrap(h, 0, 8).getLong();
        return Math.floorMod(v, BUCKETS) < fraction * BUCKETS;
    }
}
