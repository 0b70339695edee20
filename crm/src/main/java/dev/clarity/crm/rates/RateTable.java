package dev.clarity.crm.rates;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rates loaded once for a report or a draft: the rate for a pair on a date is the latest one on or before it, and a
 * date before the first rate has none (reported, never guessed). Immutable after construction; thread-safe.
 */
public final class RateTable {
    private final Map<String, NavigableMap<LocalDate, ExchangeRate>> byPair = new HashMap<>();

    public RateTable(List<ExchangeRate> rates) {
        for (ExchangeRate r : rates) {
            byPair.computeIfAbsent(r.from() + r.to(), k -> new TreeMap<>()).put(r.date(), r);
        }
    }

    /** The rate from {@code from} to {@code to} for {@code date}; empty when none is on or before it. */
    public Optional<ExchangeRate> on(String from, String to, LocalDate date) {
        NavigableMap<LocalDate, ExchangeRate> pair = byPair.get(from + to);
        if (pair == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(pair.floorEntry(date)).map(Map.Entry::getValue);
    }
}
