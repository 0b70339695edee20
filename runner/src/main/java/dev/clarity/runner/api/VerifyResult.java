package dev.clarity.runner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What running an item's criteria found ({@link Runner#verify}); the case travels as {@code outcome}. {@code passed}
 * holds criterion keys; {@code artifacts} the evidence written (paths relative to the workspace); {@code reports} what
 * each criterion that ran printed and where it failed ({@link CriterionReport}; absent on the wire from older runners,
 * then empty).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonIgnoreProperties(
        value = {"ok"},
        allowGetters = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = VerifyResult.Passed.class, name = "passed"),
    @JsonSubTypes.Type(value = VerifyResult.Failed.class, name = "failed")
})
public sealed interface VerifyResult {
    List<String> passed();

    /** The criteria that did not pass (none for {@link Passed}). */
    List<Failure> failed();

    List<String> artifacts();

    /** The evidence of each criterion that ran, in the order they ran. */
    List<CriterionReport> reports();

    /**
     * The wire's {@code ok}, true for {@link Passed}, kept for clients older than {@code outcome} (the API only
     * grows); callers in Java switch on the case.
     */
    @JsonProperty("ok")
    default boolean okOnTheWire() {
        return this instanceof Passed;
    }

    /**
     * Every criterion passed ({@code failed} is on the wire as {@code []}, as before {@code outcome}). When the request
     * asked to assess risk, {@code risks} lists what in the diff needs a person's approval and {@code diffDigest}
     * identifies the diff (SHA-256 of it, hex), so an approval is not asked again for the same diff.
     */
    @JsonIgnoreProperties(
            value = {"ok", "failed"},
            allowGetters = true)
    record Passed(
            List<String> passed,
            List<String> artifacts,
            List<Risk> risks,
            String diffDigest,
            List<CriterionReport> reports)
            implements VerifyResult {
        public Passed {
            passed = List.copyOf(passed);
            artifacts = List.copyOf(artifacts);
            risks = risks == null ? List.of() : List.copyOf(risks);
            reports = reports == null ? List.of() : List.copyOf(reports);
        }

        /** Every criterion passed; no risk was assessed, no evidence kept. */
        public Passed(List<String> passed, List<String> artifacts) {
            this(passed, artifacts, List.of(), null, List.of());
        }

        /** Every criterion passed, with each criterion's evidence; no risk was assessed. */
        public Passed(List<String> passed, List<String> artifacts, List<CriterionReport> reports) {
            this(passed, artifacts, List.of(), null, reports);
        }

        /** Every criterion passed; what the diff risks and its digest. */
        public Passed(List<String> passed, List<String> artifacts, List<Risk> risks, String diffDigest) {
            this(passed, artifacts, risks, diffDigest, List.of());
        }

        @Override
        @JsonProperty("failed")
        public List<Failure> failed() {
            return List.of();
        }
    }

    /** At least one criterion failed: its key, a sentence and where. */
    record Failed(List<String> passed, List<Failure> failed, List<String> artifacts, List<CriterionReport> reports)
            implements VerifyResult {
        public Failed {
            passed = List.copyOf(passed);
            failed = List.copyOf(failed);
            artifacts = List.copyOf(artifacts);
            reports = reports == null ? List.of() : List.copyOf(reports);
            if (failed.isEmpty()) {
                throw new IllegalArgumentException("a failed verify names at least one failed criterion");
            }
        }

        public Failed(List<String> passed, List<Failure> failed, List<String> artifacts) {
            this(passed, failed, artifacts, List.of());
        }
    }

    /** {@link Failed} when anything failed, else {@link Passed}. */
    static VerifyResult of(List<String> passed, List<Failure> failed, List<String> artifacts) {
        return of(passed, failed, artifacts, List.of());
    }

    /** As {@link #of(List, List, List)}, with each criterion's evidence. */
    static VerifyResult of(
            List<String> passed, List<Failure> failed, List<String> artifacts, List<CriterionReport> reports) {
        return failed.isEmpty()
                ? new Passed(passed, artifacts, reports)
                : new Failed(passed, failed, artifacts, reports);
    }
}
