package dev.clarity.bot.github;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records what it was asked to wait and returns at once (advancing the test clock if given). */
public final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final ManualTime time;

    public RecordingSleeper(ManualTime time) {
        this.time = time;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        if (time != null) {
            time.advance(duration);
        }
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }
}
