package org.align4j.datasets.io;

import java.util.Locale;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;

/** The kinds of data file: SFT examples, preference pairs, ratings and unpaired (KTO) examples. */
public enum DataKind {
    /** {@link SftExample}: Alpaca or {"messages": [...]} rows. */
    SFT("sft"),
    /** {@link PreferencePair}: {"prompt", "chosen", "rejected"} rows. */
    PAIRS("pairs"),
    /** {@link Rating}: {"prompt", "response", "score"} rows. */
    RATINGS("ratings"),
    /** {@link org.align4j.datasets.UnpairedExample}: {"prompt", "completion", "label"} rows (KTO). */
    UNPAIRED("unpaired");

    private final String cliName;

    DataKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line ({@code --kind sft|pairs|ratings|unpaired}). */
    public String cliName() {
        return cliName;
    }

    /** The codec for this kind. */
    public RecordCodec<?> codec() {
        return switch (this) {
            case SFT -> Codecs.SFT;
            case PAIRS -> Codecs.PAIRS;
            case RATINGS -> Codecs.RATINGS;
            case UNPAIRED -> Codecs.UNPAIRED;
        };
    }

    /** Parses {@code sft}, {@code pairs}, {@code ratings} or {@code unpaired} (case-insensitive). */
    public static DataKind parse(String name) {
        for (DataKind k : values()) {
            if (k.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown data kind \"" + name + "\"; use sft, pairs, ratings or unpaired");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
