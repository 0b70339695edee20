package dev.clarity.crm.time;

import java.util.Optional;

/** What a timer command did; {@link #message()} is the sentence shown to the person. */
public sealed interface TimerOutcome {
    String message();

    /** The timer runs; {@code stoppedBefore} is the record made of the timer the start stopped, if one was running. */
    record Started(Timer timer, Optional<Stopped> stoppedBefore) implements TimerOutcome {
        @Override
        public String message() {
            return stoppedBefore
                    .map(s -> "Started a new timer; the one that was running was stopped first. " + s.message())
                    .orElse("Timer started.");
        }
    }

    /** The timer is paused with {@code timer.accumulatedSeconds()} timed so far. */
    record Paused(Timer timer) implements TimerOutcome {
        @Override
        public String message() {
            return "Timer paused at " + Durations.format(timer.accumulatedSeconds()) + ".";
        }
    }

    /** The paused timer runs again. */
    record Resumed(Timer timer) implements TimerOutcome {
        @Override
        public String message() {
            return "Timer resumed.";
        }
    }

    /** The timer is gone; {@code record} is the time recorded, empty when less than a second was timed. */
    record Stopped(Optional<TimeRecord> record) implements TimerOutcome {
        @Override
        public String message() {
            return record.map(r -> "Timer stopped: recorded " + Durations.format(r.seconds())
                            + (r.billableSeconds() != r.seconds()
                                    ? " (billed as " + Durations.format(r.billableSeconds()) + ")"
                                    : "")
                            + ".")
                    .orElse("Timer stopped after less than a second: nothing was recorded.");
        }
    }

    /** Nothing changed; {@code message} says why (no timer running, the project is archived, ...). */
    record Refused(String message) implements TimerOutcome {}
}
