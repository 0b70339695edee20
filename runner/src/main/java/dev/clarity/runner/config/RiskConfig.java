package dev.clarity.runner.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code risk:} — what in an item's diff holds it for a person's approval after its criteria passed and before it is
 * committed. Every rule is on by default: {@code migrations} (a file under a migrations directory added, changed or
 * deleted), {@code destructive_sql} ({@code DROP TABLE}, {@code DROP DATABASE}, {@code DROP SCHEMA},
 * {@code TRUNCATE}, {@code DELETE FROM} without {@code WHERE} on an added line), {@code deletion_share} (more than
 * this share of the lines of a file of at least {@code deletion_min_lines} lines deleted; 1 turns the rule off) and
 * {@code credentials} (an added line holds a credential the redactor recognises).
 */
public record RiskConfig(
        Boolean migrations,
        @JsonProperty("destructive_sql") Boolean destructiveSql,
        @JsonProperty("deletion_share") Double deletionShare,
        @JsonProperty("deletion_min_lines") Integer deletionMinLines,
        Boolean credentials) {
    public static final double DEFAULT_SHARE = 0.5;
    public static final int DEFAULT_MIN_LINES = 20;
    public static final RiskConfig DEFAULT = new RiskConfig(null, null, null, null, null);

    public RiskConfig {
        migrations = migrations == null || migrations;
        destructiveSql = destructiveSql == null || destructiveSql;
        credentials = credentials == null || credentials;
        deletionShare = deletionShare == null ? DEFAULT_SHARE : deletionShare;
        deletionMinLines = deletionMinLines == null ? DEFAULT_MIN_LINES : deletionMinLines;
        if (deletionShare.isNaN() || deletionShare <= 0 || deletionShare > 1) {
            throw new IllegalArgumentException(
                    "risk.deletion_share must be a share above 0 and at most 1 (0.5 is half of a file's lines): "
                            + deletionShare);
        }
        if (deletionMinLines < 1) {
            throw new IllegalArgumentException(
                    "risk.deletion_min_lines must be at least 1 (a file's line count): " + deletionMinLines);
        }
    }
}
