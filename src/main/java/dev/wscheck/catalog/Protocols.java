package dev.wscheck.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The streaming protocols a user can select: {@code pcoip}, {@code dcv} ({@code wsp} is its old name) or {@code all}. */
public final class Protocols {
    private Protocols() {}

    /** The protocols a selection names, in catalog order; empty for a name that is none of them (the caller words the error). */
    public static Optional<List<String>> select(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "all":
                return Optional.of(List.of("pcoip", "dcv"));
            case "pcoip":
                return Optional.of(List.of("pcoip"));
            case "dcv":
            case "wsp":
                return Optional.of(List.of("dcv"));
            default:
                return Optional.empty();
        }
    }
}
