package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogMergeTest {

    private static Map<String, Object> line(String service, int second) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", service);
        m.put("time", String.format("2026-12-04T17:00:%02dZ", second));
        m.put("text", service + second);
        return m;
    }

    /** Each source's lines split into pages of the given size; the first page is handed over, the rest fetched. */
    private static List<String> merge(int pageSize, int tail, List<List<Map<String, Object>>> sources) throws Exception {
        List<List<List<Map<String, Object>>>> paged = new ArrayList<>();
        for (List<Map<String, Object>> s : sources) {
            List<List<Map<String, Object>>> pages = new ArrayList<>();
            for (int i = 0; i < s.size(); i += pageSize) {
                pages.add(s.subList(i, Math.min(s.size(), i + pageSize)));
            }
            paged.add(pages);
        }
        List<List<Map<String, Object>>> first = new ArrayList<>();
        int[] fetched = new int[sources.size()];
        for (List<List<Map<String, Object>>> pages : paged) {
            first.add(pages.isEmpty() ? List.of() : pages.get(0));
        }
        List<String> out = new ArrayList<>();
        LogMerge.merge(first, i -> ++fetched[i] < paged.get(i).size() ? paged.get(i).get(fetched[i]) : null, tail,
                l -> out.add((String) l.get("text")));
        return out;
    }

    @Test
    void linesOfSeveralServicesComeOutInTimeOrderAcrossPages() throws Exception {
        List<Map<String, Object>> api = List.of(line("api", 1), line("api", 4), line("api", 5), line("api", 9));
        List<Map<String, Object>> web = List.of(line("web", 2), line("web", 3), line("web", 6));
        List<Map<String, Object>> db = List.of();
        assertEquals(List.of("api1", "web2", "web3", "api4", "api5", "web6", "api9"), merge(1, 0, List.of(api, web, db)));
        assertEquals(List.of("api1", "web2", "web3", "api4", "api5", "web6", "api9"), merge(3, 0, List.of(api, web, db)));
    }

    @Test
    void aTailKeepsTheLastLinesOfTheMerge() throws Exception {
        List<Map<String, Object>> api = List.of(line("api", 1), line("api", 4), line("api", 5));
        List<Map<String, Object>> web = List.of(line("web", 2), line("web", 3), line("web", 6));
        assertEquals(List.of("api5", "web6"), merge(2, 2, List.of(api, web)));
    }

    @Test
    void onATieTheServiceListedFirstGoesFirst() throws Exception {
        assertEquals(List.of("a1", "b1", "a2"), merge(5, 0, List.of(
                List.of(line("a", 1), line("a", 2)), List.of(line("b", 1)))));
    }
}
