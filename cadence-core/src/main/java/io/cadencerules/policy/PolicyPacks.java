package io.cadencerules.policy;

import io.cadencerules.json.JsonData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A set of {@link PolicyPack}s, several versions of a pack side by side; immutable. Start from
 * {@link #standard()} (br-default, br-sp, us-regf) or {@link #of}, then add or replace packs with
 * {@link #with} and drop them with {@link #without}.
 */
public final class PolicyPacks {

    /** The packs shipped with the library, under {@code io/cadencerules/policy/packs/}. */
    public static final List<String> SHIPPED = List.of("br-default", "br-sp", "us-regf");

    private final Map<String, PolicyPack> byLabel;

    private PolicyPacks(Map<String, PolicyPack> byLabel) {
        this.byLabel = Map.copyOf(byLabel);
    }

    /** The shipped packs. */
    public static PolicyPacks standard() {
        List<PolicyPack> packs = new ArrayList<>();
        for (String id : SHIPPED) {
            String resource = "packs/" + id + ".json";
            try (InputStream in = PolicyPacks.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("shipped policy pack " + resource + " is missing from the classpath");
                }
                packs.add(read(new String(in.readAllBytes(), StandardCharsets.UTF_8), id + ".json"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read shipped policy pack " + resource, e);
            }
        }
        return of(packs);
    }

    /** Exactly these packs; two with the same id and version are refused. */
    public static PolicyPacks of(List<PolicyPack> packs) {
        Map<String, PolicyPack> map = new LinkedHashMap<>();
        for (PolicyPack pack : packs) {
            if (map.putIfAbsent(pack.label(), pack) != null) {
                throw new IllegalArgumentException("policy pack " + pack.label() + " is given twice");
            }
        }
        return new PolicyPacks(map);
    }

    /**
     * Reads one pack from JSON.
     *
     * @param where the file name, for errors
     * @throws io.cadencerules.json.JsonPathException naming the file and JSON path of the first problem
     */
    public static PolicyPack read(String json, String where) {
        return JsonData.read(json, PolicyPack.class, where);
    }

    /** Reads one pack from a UTF-8 JSON file. */
    public static PolicyPack read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy pack " + file, e);
        }
    }

    /** These packs plus {@code pack}, which replaces one with the same id and version. */
    public PolicyPacks with(PolicyPack pack) {
        Map<String, PolicyPack> map = new LinkedHashMap<>(byLabel);
        map.put(Objects.requireNonNull(pack, "pack").label(), pack);
        return new PolicyPacks(map);
    }

    /** These packs without any version of pack {@code id}. */
    public PolicyPacks without(String id) {
        Map<String, PolicyPack> map = new LinkedHashMap<>(byLabel);
        if (!map.values().removeIf(p -> p.id().equals(id))) {
            throw new IllegalArgumentException("there is no policy pack '" + id + "' to remove; packs: " + ids());
        }
        return new PolicyPacks(map);
    }

    /** Every pack, every version. */
    public List<PolicyPack> all() {
        return byLabel.values().stream().sorted(Comparator.comparing(PolicyPack::id)
                .thenComparing(PolicyPack::effectiveFrom)).toList();
    }

    /** For each pack id, the version in force on {@code day} (the one that took effect last), if any. */
    public List<PolicyPack> inForce(LocalDate day) {
        Map<String, PolicyPack> latest = new LinkedHashMap<>();
        for (PolicyPack pack : all()) {
            if (pack.inForce(day)) {
                latest.merge(pack.id(), pack, (a, b) -> b.effectiveFrom().isAfter(a.effectiveFrom()) ? b : a);
            }
        }
        return List.copyOf(latest.values());
    }

    private List<String> ids() {
        return byLabel.values().stream().map(PolicyPack::id).distinct().sorted().toList();
    }

    @Override
    public String toString() {
        return "PolicyPacks" + byLabel.keySet();
    }
}
