package org.align4j.ppo.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads an enum-valued setting by its constant's name in any case, e.g. {@code kl_estimator: k3}. */
public final class EnumSetting {
    private EnumSetting() {}

    /**
     * The constant of {@code type} named {@code value} (case ignored).
     *
     * @param key the setting's name, for the error
     * @throws IllegalArgumentException {@code "<key> '<value>' is unknown; use a, b or c"} (the constants in lower
     *     case, in declaration order) when no constant has that name
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String key, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is unknown; use " + choices(type), e);
        }
    }

    /** The constants' names in lower case: {@code "a, b or c"}. */
    static String choices(Class<? extends Enum<?>> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        int last = names.size() - 1;
        return last == 0 ? names.get(0) : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
    }
}
