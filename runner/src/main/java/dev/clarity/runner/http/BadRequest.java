package dev.clarity.runner.http;

/** A request body the API cannot accept; {@code field} names what is wrong (a JSON path like {@code criteria[0].key}). */
final class BadRequest extends RuntimeException {
    private final String field;

    BadRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
