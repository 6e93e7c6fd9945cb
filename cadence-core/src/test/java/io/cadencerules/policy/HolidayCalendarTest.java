package io.cadencerules.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HolidayCalendarTest {

    private static final HolidayCalendar BR = HolidayCalendar.standard();
    private static final List<String> UFS = List.of("AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT",
            "MS", "MG", "PA", "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO");

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    private static String nameOn(HolidayCalendar calendar, String iso, String country, String region) {
        return calendar.holiday(day(iso), country, region).map(Holiday::name).orElse(null);
    }

    private static HolidayCalendar json(String text) {
        return HolidayCalendar.fromJson(new StringReader(text), "acme.json");
    }

    // Easter and the days that move with it

    @Test
    void easter_sunday_matches_known_years() {
        assertThat(HolidayCalendar.easterSunday(2024)).isEqualTo(day("2024-03-31"));
        assertThat(HolidayCalendar.easterSunday(2025)).isEqualTo(day("2025-04-20"));
        assertThat(HolidayCalendar.easterSunday(2026)).isEqualTo(day("2026-04-05"));
        assertThat(HolidayCalendar.easterSunday(2027)).isEqualTo(day("2027-03-28"));
        assertThat(HolidayCalendar.easterSunday(2000)).isEqualTo(day("2000-04-23"));
        assertThat(HolidayCalendar.easterSunday(1818)).isEqualTo(day("1818-03-22"));
        assertThat(HolidayCalendar.easterSunday(2038)).isEqualTo(day("2038-04-25"));
    }

    @Property(tries = 500)
    void easter_is_a_sunday_between_22_march_and_25_april(@ForAll @IntRange(min = 1583, max = 9999) int year) {
        LocalDate easter = HolidayCalendar.easterSunday(year);

        assertThat(easter.getYear()).isEqualTo(year);
        assertThat(easter.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(MonthDay.from(easter)).isBetween(MonthDay.of(3, 22), MonthDay.of(4, 25));
    }

    @Test
    void good_friday_and_corpus_christi_follow_easter() {
        assertThat(nameOn(BR, "2026-04-03", "BR", "")).isEqualTo("Paixão de Cristo");
        assertThat(nameOn(BR, "2026-06-04", "BR", "")).isEqualTo("Corpus Christi");
        assertThat(nameOn(BR, "2025-04-18", "BR", "")).isEqualTo("Paixão de Cristo");
    }

    @Test
    void carnival_counts_only_when_facultative_holidays_are_on() {
        HolidayCalendar off = BR.withFacultative(false);

        assertThat(BR.holiday(day("2026-02-16"), "BR", "SP")).get()
                .isEqualTo(new Holiday(day("2026-02-16"), "Carnaval (segunda-feira)", "BR", Holiday.Kind.FACULTATIVE));
        assertThat(nameOn(BR, "2026-02-17", "BR", "SP")).isEqualTo("Carnaval (terça-feira)");
        assertThat(BR.isHoliday(day("2026-02-18"), "BR", "SP")).as("Ash Wednesday").isFalse();
        assertThat(off.isHoliday(day("2026-02-16"), "BR", "SP")).isFalse();
        assertThat(off.isHoliday(day("2026-02-17"), "BR", "SP")).isFalse();
        assertThat(off.isHoliday(day("2026-04-03"), "BR", "SP")).as("Good Friday").isFalse();
        assertThat(off.withFacultative(true).isHoliday(day("2026-02-16"), "BR", "SP")).isTrue();
    }

    @Test
    void rio_keeps_carnival_tuesday_as_a_state_holiday_even_with_facultative_off() {
        HolidayCalendar off = BR.withFacultative(false);

        assertThat(off.holiday(day("2026-02-17"), "BR", "RJ")).get()
                .extracting(Holiday::kind, Holiday::scope).containsExactly(Holiday.Kind.STATE, "BR-RJ");
        assertThat(off.isHoliday(day("2026-02-16"), "BR", "RJ")).isFalse();
    }

    // National and state holidays

    @Test
    void consciencia_negra_is_a_national_holiday_from_2024_only() {
        assertThat(nameOn(BR, "2024-11-20", "BR", "")).isEqualTo("Dia Nacional de Zumbi e da Consciência Negra");
        assertThat(BR.isHoliday(day("2026-11-20"), "BR", "PR")).isTrue();
        assertThat(BR.isHoliday(day("2023-11-20"), "BR", "")).isFalse();
    }

    @Test
    void sao_paulo_9_july_applies_in_sao_paulo_and_its_municipalities_but_not_in_rio() {
        assertThat(BR.holiday(day("2026-07-09"), "BR", "SP")).get()
                .isEqualTo(new Holiday(day("2026-07-09"), "Revolução Constitucionalista de 1932", "BR-SP", Holiday.Kind.STATE));
        assertThat(BR.isHoliday(day("2026-07-09"), "BR", "SP-3550308")).isTrue();
        assertThat(BR.isHoliday(day("2026-07-09"), "BR", "RJ")).isFalse();
        assertThat(BR.isHoliday(day("2026-07-09"), "BR", "")).isFalse();
    }

    @Test
    void state_holidays_from_the_brief_fall_on_their_days() {
        assertThat(BR.isHoliday(day("2026-09-20"), "BR", "RS")).isTrue();
        assertThat(BR.isHoliday(day("2026-07-02"), "BR", "BA")).isTrue();
        assertThat(BR.isHoliday(day("2026-04-23"), "BR", "RJ")).isTrue();
        assertThat(BR.isHoliday(day("2026-03-06"), "BR", "PE")).isTrue();
        assertThat(BR.isHoliday(day("2026-03-25"), "BR", "CE")).isTrue();
        assertThat(BR.holiday(day("2026-03-19"), "BR", "CE")).get().extracting(Holiday::kind)
                .isEqualTo(Holiday.Kind.FACULTATIVE);
        assertThat(BR.isHoliday(day("2026-08-15"), "BR", "PA")).isTrue();
        assertThat(BR.isHoliday(day("2026-07-28"), "BR", "MA")).isTrue();
        assertThat(BR.isHoliday(day("2026-06-15"), "BR", "AC")).isTrue();
        assertThat(BR.isHoliday(day("2026-10-05"), "BR", "RR")).isTrue();
        assertThat(BR.isHoliday(day("2026-10-05"), "BR", "TO")).isTrue();
        assertThat(BR.isHoliday(day("2026-10-11"), "BR", "MS")).isTrue();
        assertThat(BR.isHoliday(day("2026-07-08"), "BR", "SE")).isTrue();
        assertThat(BR.isHoliday(day("2026-09-16"), "BR", "AL")).isTrue();
        assertThat(BR.isHoliday(day("2026-10-19"), "BR", "PI")).isTrue();
        assertThat(BR.isHoliday(day("2026-10-03"), "BR", "RN")).isTrue();
        assertThat(BR.isHoliday(day("2026-11-30"), "BR", "DF")).isTrue();
        assertThat(BR.isHoliday(day("2026-09-13"), "BR", "AP")).isTrue();
        assertThat(BR.isHoliday(day("2026-09-05"), "BR", "AM")).isTrue();
    }

    @Test
    void a_repealed_state_holiday_counts_only_in_its_years() {
        assertThat(BR.isHoliday(day("2013-12-19"), "BR", "PR")).isTrue();
        assertThat(BR.isHoliday(day("2014-12-19"), "BR", "PR")).isFalse();
        assertThat(BR.isHoliday(day("2026-12-19"), "BR", "PR")).isFalse();
        assertThat(BR.isHoliday(day("2008-03-18"), "BR", "TO")).isTrue();
        assertThat(BR.isHoliday(day("2026-03-18"), "BR", "TO")).isFalse();
        assertThat(BR.isHoliday(day("2024-08-15"), "BR", "TO")).isFalse();
        assertThat(BR.isHoliday(day("2025-08-15"), "BR", "TO")).isTrue();
    }

    @Test
    void espirito_santo_keeps_the_monday_eight_days_after_easter() {
        assertThat(nameOn(BR, "2026-04-13", "BR", "ES")).isEqualTo("Nossa Senhora da Penha");
        assertThat(nameOn(BR, "2024-04-08", "BR", "ES")).isEqualTo("Nossa Senhora da Penha");
        assertThat(BR.isHoliday(day("2026-04-13"), "BR", "SP")).isFalse();
    }

    @Test
    void santa_catarina_data_magna_moves_to_the_following_sunday() {
        assertThat(BR.isHoliday(day("2022-08-11"), "BR", "SC")).isFalse();
        assertThat(nameOn(BR, "2022-08-14", "BR", "SC")).isEqualTo("Data Magna de Santa Catarina (observed)");
        assertThat(nameOn(BR, "2024-08-11", "BR", "SC")).as("already a Sunday").isEqualTo("Data Magna de Santa Catarina");
    }

    @Test
    void a_national_holiday_wins_over_a_state_holiday_on_the_same_day() {
        assertThat(BR.holiday(day("2026-04-21"), "BR", "MG")).get()
                .extracting(Holiday::name, Holiday::kind).containsExactly("Tiradentes", Holiday.Kind.NATIONAL);
    }

    @Test
    void holidays_of_a_year_come_in_date_order() {
        List<Holiday> sp = BR.holidays(2026, "BR", "SP");

        assertThat(sp).extracting(Holiday::date).isSorted().doesNotHaveDuplicates();
        assertThat(sp).extracting(h -> h.date().toString()).containsExactly(
                "2026-01-01", "2026-02-16", "2026-02-17", "2026-04-03", "2026-04-21", "2026-05-01", "2026-06-04",
                "2026-07-09", "2026-09-07", "2026-10-12", "2026-11-02", "2026-11-15", "2026-11-20", "2026-12-25");
    }

    // United States

    @Test
    void a_us_holiday_on_saturday_is_also_observed_on_friday() {
        assertThat(nameOn(BR, "2026-07-03", "US", "NY")).isEqualTo("Independence Day (observed)");
        assertThat(nameOn(BR, "2026-07-04", "US", "NY")).isEqualTo("Independence Day");
        assertThat(BR.holiday(day("2026-07-03"), "US", "")).get().extracting(Holiday::scope, Holiday::kind)
                .containsExactly("US", Holiday.Kind.NATIONAL);
    }

    @Test
    void a_us_holiday_on_sunday_is_also_observed_on_monday() {
        assertThat(nameOn(BR, "2022-12-26", "US", "")).isEqualTo("Christmas Day (observed)");
        assertThat(BR.isHoliday(day("2022-12-23"), "US", "")).isFalse();
    }

    @Test
    void new_years_day_on_saturday_is_observed_on_31_december_of_the_year_before() {
        assertThat(BR.holidays(2021, "US", "")).last()
                .isEqualTo(new Holiday(day("2021-12-31"), "New Year's Day (observed)", "US", Holiday.Kind.NATIONAL));
        assertThat(BR.holidays(2022, "US", "")).first().extracting(Holiday::date).isEqualTo(day("2022-01-01"));
    }

    @Test
    void juneteenth_is_a_federal_holiday_from_2021() {
        assertThat(BR.isHoliday(day("2020-06-19"), "US", "")).isFalse();
        assertThat(nameOn(BR, "2021-06-18", "US", "")).isEqualTo("Juneteenth National Independence Day (observed)");
        assertThat(BR.isHoliday(day("2026-06-19"), "US", "")).isTrue();
    }

    @Test
    void us_monday_and_thursday_holidays_fall_on_the_nth_or_last_weekday() {
        assertThat(nameOn(BR, "2026-01-19", "US", "")).isEqualTo("Birthday of Martin Luther King, Jr.");
        assertThat(nameOn(BR, "2026-02-16", "US", "")).isEqualTo("Washington's Birthday");
        assertThat(nameOn(BR, "2026-05-25", "US", "")).isEqualTo("Memorial Day");
        assertThat(nameOn(BR, "2026-09-07", "US", "")).isEqualTo("Labor Day");
        assertThat(nameOn(BR, "2026-10-12", "US", "")).isEqualTo("Columbus Day");
        assertThat(nameOn(BR, "2026-11-26", "US", "")).isEqualTo("Thanksgiving Day");
        assertThat(BR.holidays(2026, "US", "CA")).hasSize(12);
    }

    // User data

    @Test
    void extra_dates_apply_to_their_region_and_below_and_leave_the_original_unchanged() {
        HolidayCalendar city = BR.withExtraDates("BR", "SP-3550308", "Aniversário de São Paulo",
                List.of(day("2026-01-25"), day("2027-01-25")));
        HolidayCalendar blackout = BR.withExtraDates("BR", "", "Blackout", Set.of(day("2026-03-10")));

        assertThat(city.holiday(day("2026-01-25"), "BR", "SP-3550308")).get()
                .isEqualTo(new Holiday(day("2026-01-25"), "Aniversário de São Paulo", "BR-SP-3550308", Holiday.Kind.EXTRA));
        assertThat(city.isHoliday(day("2027-01-25"), "BR", "SP-3550308")).isTrue();
        assertThat(city.isHoliday(day("2026-01-25"), "BR", "SP")).isFalse();
        assertThat(BR.isHoliday(day("2026-01-25"), "BR", "SP-3550308")).isFalse();
        assertThat(blackout.isHoliday(day("2026-03-10"), "BR", "AM")).isTrue();
        assertThat(blackout.withFacultative(false).isHoliday(day("2026-03-10"), "BR", "")).isTrue();
    }

    @Test
    void extra_dates_name_their_bad_argument() {
        assertThatThrownBy(() -> BR.withExtraDates("br", "", "Blackout", List.of(day("2026-03-10"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extra dates 'Blackout': country must be a two-letter code such as BR, but was 'br'");
        assertThatThrownBy(() -> BR.withExtraDates("BR", "SP 1", "Blackout", List.of()))
                .hasMessage("extra dates 'Blackout': region must be \"\" or a code such as SP or SP-3550308, but was 'SP 1'");
        assertThatThrownBy(() -> BR.withExtraDates("BR", "", "Blackout", Arrays.asList(day("2026-03-10"), null)))
                .hasMessage("extra dates 'Blackout' must be a collection without nulls, but was [2026-03-10, null]");
    }

    @Test
    void a_user_file_adds_rules_and_replaces_a_shipped_rule_with_the_same_scope_and_name() {
        HolidayCalendar acme = BR.plus(json("""
                {"version": "acme-1",
                 "regions": {"BR": ["acme"]},
                 "rules": [
                   {"scope": "BR-SP", "name": "Revolução Constitucionalista de 1932", "kind": "STATE",
                    "month": 7, "day": 9, "fromYear": 1997, "toYear": 2025},
                   {"scope": "BR-acme", "name": "Inventário", "kind": "EXTRA", "dates": ["2026-06-30"]}
                 ]}
                """));

        assertThat(acme.version()).isEqualTo("2026.1+acme-1");
        assertThat(acme.isHoliday(day("2025-07-09"), "BR", "SP")).isTrue();
        assertThat(acme.isHoliday(day("2026-07-09"), "BR", "SP")).isFalse();
        assertThat(nameOn(acme, "2026-06-30", "BR", "acme")).isEqualTo("Inventário");
        assertThat(acme.isHoliday(day("2026-09-20"), "BR", "RS")).as("other rules kept").isTrue();
        assertThat(BR.isHoliday(day("2026-07-09"), "BR", "SP")).isTrue();
    }

    @Test
    void a_malformed_rule_file_is_refused_with_the_file_and_the_json_path() {
        String rules = """
                {"rules": [
                  {"scope": "BR", "name": "A", "kind": "NATIONAL", "month": 1, "day": 2},
                  {"scope": "BR", "name": "B", "kind": "NATIONAL", "month": 13, "day": 1}
                ]}
                """;

        assertThatThrownBy(() -> json(rules)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("acme.json: $.rules[1].month: must be 1-12, but was 13");
        assertThatThrownBy(() -> json("{\"rules\": [{\"scope\": \"BR\", \"name\": \"A\", \"kind\": \"NATIONAL\", \"mnth\": 1}]}"))
                .hasMessage("acme.json: $.rules[0].mnth: unknown field 'mnth'; known fields are scope, name, kind, month, "
                        + "day, easterOffset, weekday, nth, dates, fromYear, toYear, observed, source, status, note");
        assertThatThrownBy(() -> json("{\"rules\": [{\"scope\": \"BR\", \"name\": \"A\", \"kind\": \"NATIONAL\", "
                + "\"month\": 1, \"day\": 1, \"easterOffset\": 3}]}"))
                .hasMessage("acme.json: $.rules[0]: needs exactly one kind of date (month and day; easterOffset; month, "
                        + "weekday and nth; or dates), but gave day, easterOffset, month");
        assertThatThrownBy(() -> json("{\"rules\": [{\"scope\": \"BR-SP\", \"name\": \"A\", \"kind\": \"NATIONAL\", "
                + "\"month\": 1, \"day\": 1}]}"))
                .hasMessage("acme.json: $.rules[0].scope: the holiday is NATIONAL, so its scope must be a country such "
                        + "as BR, but was 'BR-SP'");
        assertThatThrownBy(() -> json("{\"rules\": [{\"scope\": \"US\", \"name\": \"A\", \"kind\": \"NATIONAL\", "
                + "\"month\": 5, \"weekday\": \"Mon\", \"nth\": 1}]}"))
                .hasMessage("acme.json: $.rules[0].weekday: must be one of MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, "
                        + "SATURDAY, SUNDAY, but was 'Mon'");
        assertThatThrownBy(() -> json("{\"rules\": [{\"scope\": \"BR\", \"name\": \"A\", \"kind\": \"EXTRA\", "
                + "\"dates\": [\"11/06/2026\"]}]}"))
                .hasMessage("acme.json: $.rules[0].dates[0]: must be an ISO date such as \"2026-06-11\" in the years "
                        + "1583-9999, but was \"11/06/2026\"");
        assertThatThrownBy(() -> json("{\"rules\": [{\"scope\": \"BR\", \"name\": \"A\", \"kind\": \"STATE\", "
                + "\"month\": \"1\", \"day\": 1}]}"))
                .hasMessageStartingWith("acme.json: $.rules[0].scope: the holiday is STATE");
        assertThatThrownBy(() -> json("{\"rules\": [{\"scope\": \"BR\", \"name\": \"A\", \"kind\": \"NATIONAL\", "
                + "\"month\": \"1\", \"day\": 1}]}"))
                .hasMessage("acme.json: $.rules[0].month: must be a whole number, but was \"1\"");
        assertThatThrownBy(() -> json("{\"rules\": [ {\"scope\": \"BR\" "))
                .hasMessageStartingWith("acme.json: $: ");
        assertThatThrownBy(() -> json("{} []"))
                .hasMessage("acme.json: $: unexpected content after the end of the JSON value (line 1, column 4)");
        assertThatThrownBy(() -> json("")).hasMessage("acme.json: $: no JSON given");
    }

    // Places

    @Test
    void every_uf_is_known_even_without_state_holidays() {
        assertThat(BR.regions("BR")).containsExactlyInAnyOrderElementsOf(UFS);
        for (String uf : UFS) {
            assertThat(BR.holidays(2026, "BR", uf)).as(uf).isNotEmpty();
        }
        assertThat(BR.holidays(2026, "BR", "GO")).as("Goiás has no state holiday")
                .isEqualTo(BR.holidays(2026, "BR", ""));
    }

    @Test
    void an_unknown_region_or_country_is_refused_by_name() {
        assertThatThrownBy(() -> BR.holiday(day("2026-07-09"), "BR", "XX"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("region 'XX' is not known for BR; known regions are AC, AL, AM, AP, BA");
        assertThatThrownBy(() -> BR.isHoliday(day("2026-07-09"), "BR", "XX-3550308"))
                .hasMessageStartingWith("region 'XX-3550308' is not known for BR");
        assertThatThrownBy(() -> BR.holiday(day("2026-07-09"), "AR", ""))
                .hasMessage("country 'AR' is not known to the holiday calendar; known countries are BR, US");
        assertThatThrownBy(() -> BR.holiday(day("2026-07-09"), "BR", null))
                .hasMessage("region must not be null; use \"\" for the national holidays of BR only");
        assertThatThrownBy(() -> BR.holidays(1500, "BR", ""))
                .hasMessage("year must be between 1583 and 9999 (the Gregorian calendar), but was 1500");
    }

    @Test
    void a_holiday_names_its_bad_scope() {
        assertThatThrownBy(() -> new Holiday(day("2026-01-01"), "Natal", "br", Holiday.Kind.NATIONAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("holiday 'Natal' scope must be a country code such as BR, optionally followed by regions "
                        + "such as BR-SP or BR-SP-3550308, but was 'br'");
        assertThatThrownBy(() -> new Holiday(day("2026-07-09"), "9 de julho", "BR", Holiday.Kind.STATE))
                .hasMessage("holiday '9 de julho' is STATE, so its scope must be a country and a state such as BR-SP, "
                        + "but was 'BR'");
        assertThatThrownBy(() -> new Holiday(null, "Natal", "BR", Holiday.Kind.NATIONAL))
                .hasMessage("holiday 'Natal' needs a date, but was null");
    }

    // The shipped data

    @Test
    void the_shipped_data_has_a_version_and_every_rule_cites_a_source_and_a_status() throws IOException {
        JsonNode root;
        try (InputStream in = HolidayCalendar.class.getResourceAsStream("holidays.json")) {
            root = new ObjectMapper().readTree(in);
        }
        List<String> missing = new ArrayList<>();
        for (JsonNode rule : root.get("rules")) {
            String status = rule.path("status").asText("");
            if (rule.path("source").asText("").isBlank() || !Set.of("confirmed", "secondary", "unconfirmed").contains(status)) {
                missing.add(rule.get("scope").asText() + " " + rule.get("name").asText());
            }
        }

        assertThat(BR.version()).isEqualTo("2026.1");
        assertThat(missing).isEmpty();
    }

    @Test
    void lookups_from_many_threads_agree_with_one_thread() {
        HolidayCalendar fresh = BR.withFacultative(false).withFacultative(true);
        List<List<Holiday>> expected = IntStream.rangeClosed(2000, 2040)
                .mapToObj(year -> BR.holidays(year, "BR", "RJ")).toList();

        List<List<Holiday>> parallel = IntStream.range(0, 2000).parallel()
                .mapToObj(i -> fresh.holidays(2000 + i % 41, "BR", "RJ")).toList();

        for (int i = 0; i < parallel.size(); i++) {
            assertThat(parallel.get(i)).isEqualTo(expected.get(i % 41));
        }
    }
}
