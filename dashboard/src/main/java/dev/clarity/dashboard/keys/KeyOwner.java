package dev.clarity.dashboard.keys;

import java.util.Optional;

/** Whose key it is: a customer's (every project of theirs) or one project's (it wins over its customer's). */
public record KeyOwner(Kind kind, long id, String name) {
    public enum Kind {
        CUSTOMER,
        PROJECT
    }

    /** "customer:12" or "project:7", as the form sends it; empty for anything else. */
    public static Optional<KeyOwner> parse(String value) {
        if (value == null || !value.matches("(customer|project):[0-9]{1,18}")) {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        Kind kind = value.startsWith("customer") ? Kind.CUSTOMER : Kind.PROJECT;
        return Optional.of(new KeyOwner(kind, Long.parseLong(value.substring(colon + 1)), null));
    }

    /** The form value of this owner. */
    public String value() {
        return (kind == Kind.CUSTOMER ? "customer:" : "project:") + id;
    }

    /** "customer Acme" or "project acme/shop". */
    public String label() {
        return (kind == Kind.CUSTOMER ? "customer " : "project ") + (name == null ? "#" + id : name);
    }

    /** The associated data a sealed key is bound to: its owner and provider. */
    String context(Provider provider) {
        return value() + "/" + provider.spelling();
    }
}
