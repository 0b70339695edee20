package dev.clarity.crm.contacts;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every row's verdict, in file order, and the counts per verdict the dry-run page leads with. */
public record ImportReport(List<RowVerdict> rows) {

    public ImportReport {
        rows = List.copyOf(rows);
    }

    public Map<RowVerdict.Verdict, Integer> counts() {
        Map<RowVerdict.Verdict, Integer> counts = new EnumMap<>(RowVerdict.Verdict.class);
        for (RowVerdict.Verdict v : RowVerdict.Verdict.values()) {
            counts.put(v, 0);
        }
        rows.forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));
        return counts;
    }

    public List<RowVerdict> toImport() {
        return rows.stream().filter(RowVerdict::imported).toList();
    }

    public List<RowVerdict> leftOut() {
        return rows.stream().filter(r -> !r.imported()).toList();
    }
}
