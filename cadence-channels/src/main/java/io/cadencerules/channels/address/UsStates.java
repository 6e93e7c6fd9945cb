package io.cadencerules.channels.address;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** US state → time zones, from {@code us-states.csv}. */
final class UsStates {

    private static final Map<String, List<ZoneId>> ZONES = load();

    private UsStates() {
    }

    /** The state's zones, primary first; empty for an unknown code. */
    static List<ZoneId> zones(String state) {
        return ZONES.getOrDefault(state, List.of());
    }

    private static Map<String, List<ZoneId>> load() {
        String resource = "us-states.csv";
        InputStream in = UsStates.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the classpath");
        }
        Map<String, List<ZoneId>> map = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != 2 || !cells[0].matches("[A-Z]{2}")) {
                    throw new IllegalStateException(resource + ":" + n + ": expected 'state,zones', but was '" + line + "'");
                }
                map.put(cells[0], Arrays.stream(cells[1].split("\\|")).map(ZoneId::of).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return Map.copyOf(map);
    }
}
