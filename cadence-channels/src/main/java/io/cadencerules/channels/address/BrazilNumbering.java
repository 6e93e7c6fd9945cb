package io.cadencerules.channels.address;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Brazilian area-code (DDD) and state (UF) tables with their time zones, shipped as data
 * ({@code ddd-br.csv} and {@code uf-br.csv} next to this class) rather than taken from
 * libphonenumber, whose time-zone mapper is wrong for parts of Brazil. Applications may load
 * their own corrected copies with {@link #load}.
 *
 * <p>File format: UTF-8, lines starting with {@code #} and blank lines are ignored, the first other
 * line is the header. DDD rows are {@code ddd,uf,zones,caveat}; state rows {@code uf,name,zones,caveat};
 * {@code zones} separates IANA ids with {@code |}, primary first; the caveat runs to the end of the line.
 * Every problem is reported as an {@link IllegalStateException} naming the source and line.
 */
public final class BrazilNumbering {

    private static final String DDD_RESOURCE = "ddd-br.csv";
    private static final String UF_RESOURCE = "uf-br.csv";

    private static final class Standard {
        static final BrazilNumbering INSTANCE = fromClasspath();
    }

    private final Map<Integer, DddEntry> ddds;
    private final Map<String, StateEntry> states;

    private BrazilNumbering(Map<Integer, DddEntry> ddds, Map<String, StateEntry> states) {
        this.ddds = Collections.unmodifiableMap(ddds);
        this.states = Collections.unmodifiableMap(states);
    }

    /** The tables shipped with the library (loaded once). */
    public static BrazilNumbering standard() {
        return Standard.INSTANCE;
    }

    /**
     * Loads tables from readers.
     *
     * @param ddd       the DDD table
     * @param dddSource a name for the DDD table in error messages, e.g. a file name
     * @param uf        the state table
     * @param ufSource  a name for the state table in error messages
     * @return the tables
     * @throws IllegalStateException naming the source and line of the first problem
     */
    public static BrazilNumbering load(Reader ddd, String dddSource, Reader uf, String ufSource) {
        Map<String, StateEntry> states = new TreeMap<>();
        for (Row row : rows(uf, ufSource, "uf,name,zones,caveat")) {
            StateEntry entry;
            try {
                entry = new StateEntry(row.cells[0], row.cells[1], zones(row, row.cells[2]), row.cells[3]);
            } catch (IllegalArgumentException e) {
                throw row.error(e.getMessage());
            }
            if (states.put(entry.uf(), entry) != null) {
                throw row.error("state " + entry.uf() + " is listed twice");
            }
        }
        Map<Integer, DddEntry> ddds = new TreeMap<>();
        for (Row row : rows(ddd, dddSource, "ddd,uf,zones,caveat")) {
            if (!row.cells[0].matches("[0-9]{2}")) {
                throw row.error("DDD must be two digits, but was '" + row.cells[0] + "'");
            }
            DddEntry entry;
            try {
                entry = new DddEntry(Integer.parseInt(row.cells[0]), row.cells[1], zones(row, row.cells[2]), row.cells[3]);
            } catch (IllegalArgumentException e) {
                throw row.error(e.getMessage());
            }
            if (!states.containsKey(entry.uf())) {
                throw row.error("DDD " + entry.ddd() + " names state '" + entry.uf() + "', which is not in " + ufSource);
            }
            if (ddds.put(entry.ddd(), entry) != null) {
                throw row.error("DDD " + entry.ddd() + " is listed twice");
            }
        }
        if (ddds.isEmpty()) {
            throw new IllegalStateException(dddSource + " has no DDD rows");
        }
        return new BrazilNumbering(ddds, states);
    }

    /** The DDD's row, if the DDD exists. */
    public Optional<DddEntry> ddd(int ddd) {
        return Optional.ofNullable(ddds.get(ddd));
    }

    /** The state's row, if the UF is known (case-insensitive). */
    public Optional<StateEntry> state(String uf) {
        return uf == null ? Optional.empty() : Optional.ofNullable(states.get(uf.strip().toUpperCase(java.util.Locale.ROOT)));
    }

    /** Every DDD row, by DDD. */
    public List<DddEntry> ddds() {
        return List.copyOf(ddds.values());
    }

    /** Every state row, by UF. */
    public List<StateEntry> states() {
        return List.copyOf(states.values());
    }

    private static BrazilNumbering fromClasspath() {
        try (Reader ddd = resource(DDD_RESOURCE); Reader uf = resource(UF_RESOURCE)) {
            return load(ddd, DDD_RESOURCE, uf, UF_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the shipped DDD tables", e);
        }
    }

    private static Reader resource(String name) {
        InputStream in = BrazilNumbering.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource " + BrazilNumbering.class.getPackageName().replace('.', '/') + "/"
                    + name + " is not on the class path");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static List<ZoneId> zones(Row row, String cell) {
        List<ZoneId> zones = new ArrayList<>();
        for (String id : cell.split("\\|", -1)) {
            try {
                zones.add(ZoneId.of(id.strip()));
            } catch (DateTimeException e) {
                throw row.error("unknown time zone '" + id.strip() + "'");
            }
        }
        return zones;
    }

    private record Row(String source, int line, String[] cells) {
        IllegalStateException error(String message) {
            return new IllegalStateException(source + " line " + line + ": " + message);
        }
    }

    private static List<Row> rows(Reader reader, String source, String header) {
        Objects.requireNonNull(reader, "reader");
        List<Row> rows = new ArrayList<>();
        boolean headerSeen = false;
        try {
            BufferedReader in = new BufferedReader(reader);
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (!headerSeen) {
                    if (!line.strip().equals(header)) {
                        throw new IllegalStateException(source + " line " + number + ": header must be '" + header
                                + "', but was '" + line.strip() + "'");
                    }
                    headerSeen = true;
                    continue;
                }
                String[] cells = line.split(",", 4);
                if (cells.length != 4) {
                    throw new IllegalStateException(source + " line " + number + ": expected 4 columns (" + header
                            + "), but found " + cells.length + " in '" + line + "'");
                }
                for (int i = 0; i < 3; i++) {
                    cells[i] = cells[i].strip();
                }
                rows.add(new Row(source, number, cells));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source, e);
        }
        if (!headerSeen) {
            throw new IllegalStateException(source + " is empty: expected the header '" + header + "'");
        }
        return rows;
    }
}
