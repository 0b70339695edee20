package dev.clarity.runner.redaction;

import java.util.List;

/**
 * One line per credential format the redactor knows by shape, as a tool or a build would print it, with what must
 * come out. The values have the vendors' published shapes (AWS's own documentation examples where there is one) and
 * grant nothing.
 */
public final class CredentialSamples {
    /** {@code secret} must never come out; {@code line} must come out as {@code redacted}. */
    public record Sample(String kind, String secret, String line, String redacted) {
        @Override
        public String toString() {
            return kind + ": " + line;
        }
    }

    private static final String PGP_BODY = "lQOYBGZ3c2kBCADGv8Tq2mN7pL4xR9wK1sD5fH0jE6aU3yB8oI2cV7nM4qZ1tW9x";

    public static final List<Sample> ALL = List.of(
            sample(
                    "aws-access-key",
                    "AKIAIOSFODNN7EXAMPLE",
                    "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
                    "aws_access_key_id = [REDACTED aws-access-key]"),
            sample(
                    "aws-access-key",
                    "ASIAY34FZKBOKMUTVV7A",
                    "export AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A",
                    "export AWS_ACCESS_KEY_ID=[REDACTED aws-access-key]"),
            sample(
                    "aws-secret-key",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "aws_secret_access_key = [REDACTED aws-secret-key]"),
            sample(
                    "aws-secret-key",
                    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
                    "  \"SecretAccessKey\": \"je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\",",
                    "  \"SecretAccessKey\": \"[REDACTED aws-secret-key]\","),
            sample(
                    "gitlab-token",
                    "glpat-Abc123Def456Ghi789JkLm",
                    "GITLAB_TOKEN=glpat-Abc123Def456Ghi789JkLm",
                    "GITLAB_TOKEN=[REDACTED gitlab-token]"),
            sample(
                    "slack-token",
                    "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
                    "posting as xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx to #builds",
                    "posting as [REDACTED slack-token] to #builds"),
            sample(
                    "slack-token",
                    "xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef",
                    "SLACK_APP_TOKEN xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef",
                    "SLACK_APP_TOKEN [REDACTED slack-token]"),
            sample(
                    "slack-webhook",
                    "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
                    "curl -X POST https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
                    "curl -X POST https://hooks.slack.com/services/[REDACTED slack-webhook]"),
            sample(
                    "stripe-key",
                    "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
                    "Stripe.apiKey = \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\";",
                    "Stripe.apiKey = \"[REDACTED stripe-key]\";"),
            sample(
                    "stripe-key",
                    "rk_live_51HqLyjWDarjtT1zdp7dcAbCd",
                    "restricted key rk_live_51HqLyjWDarjtT1zdp7dcAbCd",
                    "restricted key [REDACTED stripe-key]"),
            sample(
                    "openai-key",
                    "sk-proj-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv_Wx-Yz12",
                    "OPENAI_API_KEY=sk-proj-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv_Wx-Yz12",
                    "OPENAI_API_KEY=[REDACTED openai-key]"),
            sample(
                    "openai-key",
                    "sk-Ab1Cd2Ef3Gh4Ij5KlT3BlbkFJMn6Op7Qr8St9Uv0WxYzAb12",
                    "openai.api_key = 'sk-Ab1Cd2Ef3Gh4Ij5KlT3BlbkFJMn6Op7Qr8St9Uv0WxYzAb12'",
                    "openai.api_key = '[REDACTED openai-key]'"),
            sample(
                    "anthropic-key",
                    "sk-ant-api03-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv_Wx-Yz12AA",
                    "x-api-key: sk-ant-api03-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv_Wx-Yz12AA",
                    "x-api-key: [REDACTED anthropic-key]"),
            sample(
                    "google-api-key",
                    "AIzaSyA1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tU_v",
                    "GET https://maps.googleapis.com/maps/api/js?key=AIzaSyA1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tU_v&v=3",
                    "GET https://maps.googleapis.com/maps/api/js?key=[REDACTED google-api-key]&v=3"),
            sample(
                    "jwt",
                    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0"
                            + "IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
                    "Set-Cookie: session=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6"
                            + "IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c; Path=/",
                    "Set-Cookie: session=[REDACTED jwt]; Path=/"),
            sample(
                    "secret",
                    "Xk9mP2qL7vR4",
                    "DB_PASSWORD=Xk9mP2qL7vR4 ./gradlew flywayMigrate",
                    "DB_PASSWORD=[REDACTED secret] ./gradlew flywayMigrate"),
            sample(
                    "secret",
                    "b7F3kQ9zX2mW8pL4",
                    "client_secret: 'b7F3kQ9zX2mW8pL4'",
                    "client_secret: '[REDACTED secret]'"),
            sample(
                    "secret",
                    "passw0rd12",
                    "connecting with password=passw0rd12",
                    "connecting with password=[REDACTED secret]"),
            sample(
                    "private-key",
                    PGP_BODY,
                    "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + PGP_BODY
                            + "\n=Ab1c\n-----END PGP PRIVATE KEY BLOCK-----",
                    "[REDACTED]"));

    private CredentialSamples() {}

    private static Sample sample(String kind, String secret, String line, String redacted) {
        return new Sample(kind, secret, line, redacted);
    }
}
