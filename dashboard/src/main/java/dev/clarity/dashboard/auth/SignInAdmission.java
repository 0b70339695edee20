package dev.clarity.dashboard.auth;

import java.time.Duration;

/** Whether {@link LoginThrottle} lets a sign-in attempt have its password checked. */
public sealed interface SignInAdmission {
    /** The password may be checked; the attempt's budget is already spent, and given back on success. */
    record Admitted(String login, String address, boolean chargedLogin) implements SignInAdmission {}

    /** Too many attempts: nothing is checked; after {@code retryAfter} this address may try again. */
    record Refused(Duration retryAfter) implements SignInAdmission {
        /** The sentence shown on the sign-in page. */
        public String message() {
            return "Too many sign-in attempts: wait " + seconds() + " s and try again.";
        }

        /** The wait in whole seconds, rounded up (at least 1), as in {@code Retry-After}. */
        public long seconds() {
            long s = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
            return Math.max(1, s);
        }
    }
}
