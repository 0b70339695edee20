package dev.clarity.crm.contacts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The check an address passes before it goes on a list: at most 254 characters (tested before the pattern runs, so
 * the pattern only ever sees short text), one local part of the characters RFC 5322 allows unquoted, and a domain of
 * at least two labels. Addresses are kept lower-cased; deduplication is by the lower-cased address.
 */
public final class EmailAddress {
    private static final Pattern ADDRESS = Pattern.compile("[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
            + "@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    private EmailAddress() {}

    /** The normalised address, or empty when {@code raw} is not one. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String address = raw.strip().toLowerCase(Locale.ROOT);
        if (address.isEmpty() || address.length() > 254 || address.startsWith(".") || address.contains("..")) {
            return Optional.empty();
        }
        return ADDRESS.matcher(address).matches() ? Optional.of(address) : Optional.empty();
    }
}
