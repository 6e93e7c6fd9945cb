package io.cadencerules.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Holidays by country and region, kept as data so that a change in the law is a change in a JSON
 * file. {@link #standard()} ships Brazil's national holidays, the state holidays of the 27 UFs
 * (each with its source and how well it is confirmed) and the US federal holidays; users add their
 * own files with {@link #fromJson(Reader, String)} and {@link #plus(HolidayCalendar)}, or single
 * dates with {@link #withExtraDates(String, String, String, Collection)}.
 *
 * <p>A region is a state code ("SP") or a longer path below it ("SP-3550308", a municipality's IBGE
 * code). A rule for "BR" applies in every region of Brazil, a rule for "BR-SP" in "SP" and in every
 * region below it. Asking about a region that no file declares and no rule uses is an error, so that
 * a typo in a state code does not silently drop the state's holidays.
 *
 * <p>Immutable and thread-safe: every {@code with…} and {@code plus} returns a new calendar. The
 * holidays of a (year, country, region) are computed once per calendar and kept in a small cache.
 */
public final class HolidayCalendar {

    private static final int FIRST_YEAR = 1583;
    private static final int LAST_YEAR = 9999;
    private static final int CACHE_LIMIT = 1024;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_]+(-[A-Za-z0-9_]+)*");
    /** When two holidays fall on one day, the one reported is the strongest kind, then the first name. */
    private static final Comparator<Holiday> PRECEDENCE =
            Comparator.comparing(Holiday::kind).thenComparing(Holiday::name).thenComparing(Holiday::scope);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String version;
    private final Map<String, SortedSet<String>> regions;
    private final List<Rule> rules;
    private final boolean facultative;
    private final ConcurrentMap<Key, SortedMap<LocalDate, Holiday>> cache = new ConcurrentHashMap<>();

    private HolidayCalendar(String version, Map<String, ? extends Collection<String>> declared, List<Rule> rules,
                            boolean facultative) {
        this.version = version;
        this.rules = List.copyOf(rules);
        this.facultative = facultative;
        Map<String, SortedSet<String>> known = new TreeMap<>();
        declared.forEach((country, codes) -> known.computeIfAbsent(country, c -> new TreeSet<>()).addAll(codes));
        for (Rule rule : this.rules) {
            SortedSet<String> codes = known.computeIfAbsent(rule.country(), c -> new TreeSet<>());
            if (!rule.region().isEmpty()) {
                codes.add(rule.region().split("-")[0]);
            }
        }
        known.replaceAll((country, codes) -> Collections.unmodifiableSortedSet(codes));
        this.regions = Collections.unmodifiableMap(known);
    }

    /**
     * The shipped data ({@code io/cadencerules/policy/holidays.json}), read once. Facultative
     * holidays (Carnival, Good Friday, Corpus Christi) are on.
     */
    public static HolidayCalendar standard() {
        return Standard.CALENDAR;
    }

    /**
     * Reads a rule file in the format of the shipped {@code holidays.json}: an object with an optional
     * {@code "version"} and {@code "about"}, {@code "regions"} (country → region codes) and
     * {@code "rules"}. Each rule has {@code "scope"}, {@code "name"}, {@code "kind"} and one kind of
     * date: {@code "month"} and {@code "day"}; {@code "easterOffset"} (days from Easter Sunday);
     * {@code "month"}, {@code "weekday"} and {@code "nth"} (1–4, or -1 for the last); or
     * {@code "dates"} (ISO dates). Optional: {@code "fromYear"}, {@code "toYear"},
     * {@code "observed"} ({@code "nearest-weekday"}: a Saturday holiday is also observed on the
     * Friday before and a Sunday one on the Monday after; {@code "next-sunday"}: the holiday moves to
     * the following Sunday), and the notes {@code "source"}, {@code "status"} ({@code "confirmed"},
     * {@code "secondary"}, {@code "unconfirmed"}) and {@code "note"}. Facultative holidays are on.
     *
     * @param json  the file's text; not closed (the caller owns it)
     * @param where the file's name, for error messages
     * @throws IllegalArgumentException naming {@code where} and the JSON path of the first problem,
     *                                  e.g. {@code holidays.json: $.rules[3].month: must be 1-12, but was 13}
     */
    public static HolidayCalendar fromJson(Reader json, String where) {
        String file = where == null || where.isBlank() ? "holiday rules" : where;
        if (json == null) {
            throw new IllegalArgumentException(file + ": needs a reader, but was null");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new IllegalArgumentException(file + ": $: " + syntaxProblem(e) + at, e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read", e);
        }
        return new RuleFile(file).calendar(root);
    }

    /**
     * This calendar with another's rules added. A rule of {@code other} replaces every rule here with
     * the same scope and name, so a user file can correct or end a shipped rule (give it a
     * {@code "toYear"}). Regions are joined, the versions too ("2026.1+acme-3"); the facultative
     * setting stays this calendar's.
     */
    public HolidayCalendar plus(HolidayCalendar other) {
        if (other == null) {
            throw new IllegalArgumentException("the calendar to add must not be null");
        }
        Set<List<String>> replaced = other.rules.stream()
                .map(rule -> List.of(rule.scope(), rule.name()))
                .collect(Collectors.toSet());
        List<Rule> merged = new ArrayList<>();
        for (Rule rule : rules) {
            if (!replaced.contains(List.of(rule.scope(), rule.name()))) {
                merged.add(rule);
            }
        }
        merged.addAll(other.rules);
        Map<String, Set<String>> joined = new TreeMap<>();
        regions.forEach((country, codes) -> joined.computeIfAbsent(country, c -> new TreeSet<>()).addAll(codes));
        other.regions.forEach((country, codes) -> joined.computeIfAbsent(country, c -> new TreeSet<>()).addAll(codes));
        String joinedVersion = other.version.isEmpty() ? version
                : version.isEmpty() ? other.version : version + "+" + other.version;
        return new HolidayCalendar(joinedVersion, joined, merged, facultative);
    }

    /**
     * Whether the {@link Holiday.Kind#FACULTATIVE} days count. Brazil's Carnival Monday and Tuesday,
     * Good Friday and Corpus Christi are only <i>pontos facultativos</i> by federal law, but days off
     * in most municipalities, so they count by default.
     */
    public HolidayCalendar withFacultative(boolean treatAsHoliday) {
        return treatAsHoliday == facultative ? this : new HolidayCalendar(version, regions, rules, treatAsHoliday);
    }

    /**
     * This calendar with dates of the user's: municipal holidays the data does not know, or blackout
     * days. They count as {@link Holiday.Kind#EXTRA} in the region and every region below it.
     *
     * @param country a country code such as "BR"
     * @param region  a region such as "SP" or "SP-3550308", or "" for the whole country
     * @param name    what the dates are, reported as the holiday's name
     * @param dates   the days, in any order
     */
    public HolidayCalendar withExtraDates(String country, String region, String name, Collection<LocalDate> dates) {
        if (country == null || !COUNTRY.matcher(country).matches()) {
            throw new IllegalArgumentException("extra dates '" + name + "': country must be a two-letter code "
                    + "such as BR, but was " + quoted(country));
        }
        if (region == null || !(region.isEmpty() || REGION.matcher(region).matches())) {
            throw new IllegalArgumentException("extra dates '" + name + "': region must be \"\" or a code such as "
                    + "SP or SP-3550308, but was " + quoted(region));
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("extra dates need a name, but was " + quoted(name));
        }
        if (dates == null || dates.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("extra dates '" + name + "' must be a collection without nulls, but was "
                    + dates);
        }
        for (LocalDate date : dates) {
            if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
                throw new IllegalArgumentException("extra dates '" + name + "' must fall in the years " + FIRST_YEAR
                        + "-" + LAST_YEAR + ", but one was " + date);
            }
        }
        String scope = region.isEmpty() ? country : country + "-" + region;
        List<Rule> more = new ArrayList<>(rules);
        more.add(new Rule(scope, name, Holiday.Kind.EXTRA, new OnDates(Set.copyOf(dates)), FIRST_YEAR, LAST_YEAR,
                Observed.ON_THE_DAY));
        return new HolidayCalendar(version, regions, more, facultative);
    }

    /**
     * The holiday on a day in a place, if any. When several fall on the same day, the one of the
     * strongest kind is returned (national before state, municipal, facultative and extra).
     *
     * @param country a country the data knows, such as "BR" or "US"
     * @param region  a known region such as "SP" (or one below it, "SP-3550308"), or "" for the
     *                national holidays only
     * @throws IllegalArgumentException for an unknown country or region, or a year before 1583
     */
    public Optional<Holiday> holiday(LocalDate date, String country, String region) {
        if (date == null) {
            throw new IllegalArgumentException("the date to look up must not be null");
        }
        return Optional.ofNullable(byDate(date.getYear(), country, region).get(date));
    }

    /** Whether {@link #holiday(LocalDate, String, String)} finds a holiday. */
    public boolean isHoliday(LocalDate date, String country, String region) {
        return holiday(date, country, region).isPresent();
    }

    /**
     * Every holiday of a year in a place, in date order, one per day (as {@link #holiday} reports it).
     * Observed days count in the year they fall in (New Year's Day 2022 is observed on 31 Dec 2021).
     */
    public List<Holiday> holidays(int year, String country, String region) {
        return List.copyOf(byDate(year, country, region).values());
    }

    /** The region codes known for a country (declared in a rule file or used by a rule), sorted; empty if none. */
    public Set<String> regions(String country) {
        return regions.getOrDefault(country, Collections.emptySortedSet());
    }

    /** The data's version, such as "2026.1"; files added with {@link #plus} append theirs after a "+". */
    public String version() {
        return version;
    }

    /**
     * Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
     *
     * @throws IllegalArgumentException for a year outside 1583-9999
     */
    public static LocalDate easterSunday(int year) {
        checkYear(year);
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int monthAndDay = h + l - 7 * m + 114;
        return LocalDate.of(year, monthAndDay / 31, monthAndDay % 31 + 1);
    }

    /** The version, the number of rules and the facultative setting, for logs. */
    @Override
    public String toString() {
        return "HolidayCalendar[version=" + version + ", rules=" + rules.size() + ", facultative=" + facultative + "]";
    }

    private SortedMap<LocalDate, Holiday> byDate(int year, String country, String region) {
        checkYear(year);
        checkPlace(country, region);
        Key key = new Key(year, country, region);
        SortedMap<LocalDate, Holiday> found = cache.get(key);
        if (found == null) {
            found = compute(year, country, region);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.putIfAbsent(key, found);
        }
        return found;
    }

    private SortedMap<LocalDate, Holiday> compute(int year, String country, String region) {
        SortedMap<LocalDate, Holiday> found = new TreeMap<>();
        for (Rule rule : rules) {
            if (!rule.appliesTo(country, region) || (!facultative && rule.kind() == Holiday.Kind.FACULTATIVE)) {
                continue;
            }
            // An observed day can cross into the year before or after its holiday.
            for (int y = Math.max(FIRST_YEAR, year - 1); y <= Math.min(LAST_YEAR, year + 1); y++) {
                for (Holiday holiday : rule.holidays(y)) {
                    if (holiday.date().getYear() == year) {
                        found.merge(holiday.date(), holiday, (a, b) -> PRECEDENCE.compare(a, b) <= 0 ? a : b);
                    }
                }
            }
        }
        return Collections.unmodifiableSortedMap(found);
    }

    private void checkPlace(String country, String region) {
        if (country == null || !regions.containsKey(country)) {
            throw new IllegalArgumentException("country " + quoted(country)
                    + " is not known to the holiday calendar; known countries are " + String.join(", ", regions.keySet()));
        }
        if (region == null) {
            throw new IllegalArgumentException("region must not be null; use \"\" for the national holidays of "
                    + country + " only");
        }
        Set<String> known = regions.get(country);
        if (!region.isEmpty() && (!REGION.matcher(region).matches() || !known.contains(region.split("-")[0]))) {
            throw new IllegalArgumentException("region '" + region + "' is not known for " + country
                    + "; known regions are " + String.join(", ", known));
        }
    }

    private static void checkYear(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("year must be between " + FIRST_YEAR + " and " + LAST_YEAR
                    + " (the Gregorian calendar), but was " + year);
        }
    }

    /** Jackson's complaint about broken JSON, without the parts that name Jackson's own types. */
    private static String syntaxProblem(JsonProcessingException e) {
        String problem = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        if (problem.startsWith("Trailing token")) {
            return "unexpected content after the end of the JSON value";
        }
        for (String noise : List.of(" (start marker", "\n")) {
            int cut = problem.indexOf(noise);
            if (cut > 0) {
                problem = problem.substring(0, cut);
            }
        }
        return problem;
    }

    private static String quoted(String text) {
        return text == null ? "null" : "'" + text + "'";
    }

    private record Key(int year, String country, String region) {
    }

    /** One line of a rule file: a named holiday, when it falls, in which years and where. */
    private record Rule(String scope, String name, Holiday.Kind kind, When when, int fromYear, int toYear,
                        Observed observed) {

        String country() {
            return scope.substring(0, 2);
        }

        String region() {
            return scope.length() > 2 ? scope.substring(3) : "";
        }

        boolean appliesTo(String country, String region) {
            String mine = region();
            return country().equals(country)
                    && (mine.isEmpty() || region.equals(mine) || region.startsWith(mine + "-"));
        }

        List<Holiday> holidays(int year) {
            if (year < fromYear || year > toYear) {
                return List.of();
            }
            List<Holiday> found = new ArrayList<>();
            for (LocalDate date : when.in(year)) {
                LocalDate moved = observed.shift(date);
                if (moved.equals(date) || observed.keepsTheDay()) {
                    found.add(new Holiday(date, name, scope, kind));
                }
                if (!moved.equals(date)) {
                    found.add(new Holiday(moved, name + " (observed)", scope, kind));
                }
            }
            return found;
        }
    }

    /** When a holiday falls in a given year. */
    private sealed interface When permits OnDay, FromEaster, NthWeekday, OnDates {
        List<LocalDate> in(int year);
    }

    private record OnDay(Month month, int day) implements When {
        public List<LocalDate> in(int year) {
            // 29 February exists only in leap years.
            return day <= month.length(Year.isLeap(year)) ? List.of(LocalDate.of(year, month, day)) : List.of();
        }
    }

    private record FromEaster(int days) implements When {
        public List<LocalDate> in(int year) {
            return List.of(easterSunday(year).plusDays(days));
        }
    }

    /** The nth (1-4) or, for -1, the last given weekday of a month. */
    private record NthWeekday(Month month, DayOfWeek weekday, int nth) implements When {
        public List<LocalDate> in(int year) {
            return List.of(LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(nth, weekday)));
        }
    }

    private record OnDates(Set<LocalDate> dates) implements When {
        public List<LocalDate> in(int year) {
            return dates.stream().filter(date -> date.getYear() == year).sorted().toList();
        }
    }

    /** How a holiday that falls on a weekend is observed. */
    private enum Observed {
        ON_THE_DAY(null),
        /** 5 U.S.C. 6103(b) and Executive Order 11582: Saturday on the Friday before, Sunday on the Monday after. */
        NEAREST_WEEKDAY("nearest-weekday"),
        /** Moved to the following Sunday unless it is a Sunday (Santa Catarina's data magna). */
        NEXT_SUNDAY("next-sunday");

        private final String json;

        Observed(String json) {
            this.json = json;
        }

        LocalDate shift(LocalDate date) {
            return switch (this) {
                case ON_THE_DAY -> date;
                case NEAREST_WEEKDAY -> date.getDayOfWeek() == DayOfWeek.SATURDAY ? date.minusDays(1)
                        : date.getDayOfWeek() == DayOfWeek.SUNDAY ? date.plusDays(1) : date;
                case NEXT_SUNDAY -> date.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            };
        }

        /** Whether the day itself still counts when the holiday is also observed on another day. */
        boolean keepsTheDay() {
            return this != NEXT_SUNDAY;
        }
    }

    /** Loaded on first use of {@link #standard()}. */
    private static final class Standard {
        static final HolidayCalendar CALENDAR = load();

        private static HolidayCalendar load() {
            try (InputStream in = HolidayCalendar.class.getResourceAsStream("holidays.json")) {
                if (in == null) {
                    throw new IllegalStateException("the holiday data io/cadencerules/policy/holidays.json is not on "
                            + "the class path");
                }
                return fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), "holidays.json");
            } catch (IOException e) {
                throw new UncheckedIOException("the holiday data holidays.json cannot be read", e);
            }
        }
    }

    /** Turns a rule file's JSON tree into a calendar; every problem names the file and the JSON path. */
    private static final class RuleFile {
        private static final List<String> FILE_FIELDS = List.of("version", "about", "regions", "rules");
        private static final List<String> RULE_FIELDS = List.of("scope", "name", "kind", "month", "day",
                "easterOffset", "weekday", "nth", "dates", "fromYear", "toYear", "observed", "source", "status", "note");
        private static final List<List<String>> DATE_SHAPES = List.of(List.of("month", "day"), List.of("easterOffset"),
                List.of("month", "weekday", "nth"), List.of("dates"));
        private static final List<String> STATUSES = List.of("confirmed", "secondary", "unconfirmed");

        private final String where;

        RuleFile(String where) {
            this.where = where;
        }

        HolidayCalendar calendar(JsonNode root) {
            if (root == null || root.isMissingNode()) {
                throw fail("$", "no JSON given");
            }
            object(root, "$", FILE_FIELDS);
            String version = text(root, "version", "$", false);
            text(root, "about", "$", false);
            Map<String, List<String>> declared = regions(root.get("regions"));
            List<Rule> rules = new ArrayList<>();
            JsonNode list = root.get("rules");
            if (list != null) {
                if (!list.isArray()) {
                    throw fail("$.rules", "must be a list of rules, but was " + list);
                }
                for (int i = 0; i < list.size(); i++) {
                    rules.add(rule(list.get(i), "$.rules[" + i + "]"));
                }
            }
            return new HolidayCalendar(version == null ? "" : version, declared, rules, true);
        }

        private Map<String, List<String>> regions(JsonNode node) {
            Map<String, List<String>> declared = new TreeMap<>();
            if (node == null) {
                return declared;
            }
            if (!node.isObject()) {
                throw fail("$.regions", "must be an object of country codes and their region codes, but was " + node);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = "$.regions." + entry.getKey();
                if (!COUNTRY.matcher(entry.getKey()).matches()) {
                    throw fail(path, "must be a two-letter country code such as BR, but was '" + entry.getKey() + "'");
                }
                if (!entry.getValue().isArray()) {
                    throw fail(path, "must be a list of region codes, but was " + entry.getValue());
                }
                List<String> codes = new ArrayList<>();
                for (int i = 0; i < entry.getValue().size(); i++) {
                    JsonNode code = entry.getValue().get(i);
                    if (!code.isTextual() || !code.asText().matches("[A-Za-z0-9_]+")) {
                        throw fail(path + "[" + i + "]", "must be a region code such as SP, but was " + code);
                    }
                    codes.add(code.asText());
                }
                declared.put(entry.getKey(), codes);
            }
            return declared;
        }

        private Rule rule(JsonNode node, String path) {
            object(node, path, RULE_FIELDS);
            String scope = text(node, "scope", path, true);
            String name = text(node, "name", path, true);
            if (name.isBlank()) {
                throw fail(path + ".name", "must not be blank");
            }
            Holiday.Kind kind = oneOf(node, "kind", path, Arrays.asList(Holiday.Kind.values()), true);
            String problem = Holiday.scopeProblem(scope, kind);
            if (problem != null) {
                throw fail(path + ".scope", "the holiday " + problem);
            }
            When when = when(node, path);
            Integer from = year(node, "fromYear", path);
            Integer to = year(node, "toYear", path);
            if (from != null && to != null && to < from) {
                throw fail(path + ".toYear", "must not be before fromYear " + from + ", but was " + to);
            }
            String observedName = text(node, "observed", path, false);
            Observed observed = Observed.ON_THE_DAY;
            if (observedName != null) {
                observed = Arrays.stream(Observed.values()).filter(o -> observedName.equals(o.json)).findFirst()
                        .orElseThrow(() -> fail(path + ".observed", "must be nearest-weekday or next-sunday, but was '"
                                + observedName + "'"));
            }
            oneOf(node, "status", path, STATUSES, false);
            text(node, "source", path, false);
            text(node, "note", path, false);
            return new Rule(scope, name, kind, when, from == null ? FIRST_YEAR : from, to == null ? LAST_YEAR : to,
                    observed);
        }

        private When when(JsonNode node, String path) {
            Set<String> given = new HashSet<>();
            for (String field : List.of("month", "day", "easterOffset", "weekday", "nth", "dates")) {
                if (node.has(field)) {
                    given.add(field);
                }
            }
            List<String> shape = DATE_SHAPES.stream().filter(s -> given.equals(Set.copyOf(s))).findFirst()
                    .orElseThrow(() -> fail(path, "needs exactly one kind of date (month and day; easterOffset; month, "
                            + "weekday and nth; or dates), but gave " + (given.isEmpty() ? "none"
                            : String.join(", ", new TreeSet<>(given)))));
            if (shape.contains("easterOffset")) {
                return new FromEaster(integer(node, "easterOffset", path, -365, 365, "between -365 and 365"));
            } else if (shape.contains("dates")) {
                return new OnDates(dates(node.get("dates"), path + ".dates"));
            }
            Month month = Month.of(integer(node, "month", path, 1, 12, "1-12"));
            if (shape.contains("day")) {
                int last = month.maxLength();
                return new OnDay(month, integer(node, "day", path, 1, last, "1-" + last + " for month " + month.getValue()));
            }
            DayOfWeek weekday = oneOf(node, "weekday", path, Arrays.asList(DayOfWeek.values()), true);
            int nth = integer(node, "nth", path, -1, 4, "1-4, or -1 for the last");
            if (nth == 0) {
                throw fail(path + ".nth", "must be 1-4, or -1 for the last, but was 0");
            }
            return new NthWeekday(month, weekday, nth);
        }

        private Set<LocalDate> dates(JsonNode node, String path) {
            if (!node.isArray()) {
                throw fail(path, "must be a list of ISO dates such as [\"2026-06-11\"], but was " + node);
            }
            Set<LocalDate> dates = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                LocalDate date = null;
                if (item.isTextual()) {
                    try {
                        date = LocalDate.parse(item.asText());
                    } catch (DateTimeException e) {
                        date = null;
                    }
                }
                if (date == null || date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
                    throw fail(path + "[" + i + "]", "must be an ISO date such as \"2026-06-11\" in the years "
                            + FIRST_YEAR + "-" + LAST_YEAR + ", but was " + item);
                }
                dates.add(date);
            }
            return dates;
        }

        private Integer year(JsonNode node, String field, String path) {
            return node.has(field) ? integer(node, field, path, FIRST_YEAR, LAST_YEAR,
                    "a year between " + FIRST_YEAR + " and " + LAST_YEAR) : null;
        }

        private int integer(JsonNode node, String field, String path, int min, int max, String allowed) {
            JsonNode value = node.get(field);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw fail(path + "." + field, "must be a whole number, but was " + value);
            }
            int number = value.intValue();
            if (number < min || number > max) {
                throw fail(path + "." + field, "must be " + allowed + ", but was " + number);
            }
            return number;
        }

        private String text(JsonNode node, String field, String path, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw fail(path + "." + field, "is required, but was missing");
                }
                return null;
            }
            if (!value.isTextual()) {
                throw fail(path + "." + field, "must be text, but was " + value);
            }
            return value.asText();
        }

        private <T> T oneOf(JsonNode node, String field, String path, List<T> choices, boolean required) {
            String value = text(node, field, path, required);
            if (value == null) {
                return null;
            }
            return choices.stream().filter(choice -> choice.toString().equals(value)).findFirst()
                    .orElseThrow(() -> fail(path + "." + field, "must be one of " + choices.stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")) + ", but was '" + value + "'"));
        }

        private void object(JsonNode node, String path, List<String> fields) {
            if (!node.isObject()) {
                throw fail(path, "must be an object, but was " + node);
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name)) {
                    throw fail(path + "." + name, "unknown field '" + name + "'; known fields are " + String.join(", ", fields));
                }
            }
        }

        private IllegalArgumentException fail(String path, String problem) {
            return new IllegalArgumentException(where + ": " + path + ": " + problem);
        }
    }
}
