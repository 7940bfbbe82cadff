package org.align4j.datasets.io;

import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.UnpairedExample;

/** The codec of each data kind. */
public final class Codecs {
    /** Alpaca {"instruction", "input", "output"} or {"messages": [...]}, optional "id". */
    public static final RecordCodec<SftExample> SFT = new SftCodec();
    /** {"prompt", "chosen", "rejected"}, plain or conversational, optional "id", "source", "margin", "weight", "reason". */
    public static final RecordCodec<PreferencePair> PAIRS = new PairCodec();
    /** {"prompt", "response", "score"}, optional "scale", "rater", "id". */
    public static final RecordCodec<Rating> RATINGS = new RatingCodec();
    /** {"prompt", "completion", "label": true|false}, optional "weight", "reason", "rater", "id" (KTO). */
    public static final RecordCodec<UnpairedExample> UNPAIRED = new UnpairedCodec();

    private Codecs() {}
}
