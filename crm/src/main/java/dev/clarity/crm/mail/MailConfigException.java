package dev.clarity.crm.mail;

/**
 * A mail setting is malformed. The message is one line naming the variable, what is wrong with it and an example
 * of a good value; the composition root turns it into the bot's configuration error.
 */
public final class MailConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String variable;

    public MailConfigException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
