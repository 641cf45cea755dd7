package org.operando.io.echem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader could not trust, with file and line or byte offset. The first few occurrences of each kind
 * are kept verbatim, the rest are counted, so that a file with a million bad lines gives a short report.
 */
final class Problems {
    private static final int KEEP_PER_KIND = 5;
    private final String file;
    private final Map<String, List<String>> byKind = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    Problems(String file) {
        this.file = file;
    }

    /** Records a problem of a kind (e.g. "not a number") with its full message (file name is prefixed). */
    void add(String kind, String message) {
        counts.merge(kind, 1, Integer::sum);
        List<String> l = byKind.computeIfAbsent(kind, k -> new ArrayList<>());
        if (l.size() < KEEP_PER_KIND) {
            l.add(file + ": " + message);
        }
    }

    int count() {
        int n = 0;
        for (int c : counts.values()) {
            n += c;
        }
        return n;
    }

    List<String> messages() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byKind.entrySet()) {
            out.addAll(e.getValue());
            int more = counts.get(e.getKey()) - e.getValue().size();
            if (more > 0) {
                out.add(file + ": ... and " + more + " more: " + e.getKey());
            }
        }
        return out;
    }
}
