package io.cadencerules.policy;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * One day on which contact is not allowed because of a holiday, as found by {@link HolidayCalendar}.
 *
 * @param date  the day
 * @param name  what is celebrated, as the law or the rule file names it ("Revolução Constitucionalista",
 *              "Independence Day (observed)")
 * @param scope where it applies: a country ("BR", "US"), a country and a state ("BR-SP", "US-NY"),
 *              or a longer path that the user chose, such as a municipality's IBGE code
 *              ("BR-SP-3550308") or any label ("BR-acme"); segments are letters, digits or {@code _}
 * @param kind  why the day counts
 */
public record Holiday(LocalDate date, String name, String scope, Kind kind) {

    private static final Pattern SCOPE = Pattern.compile("[A-Z]{2}(-[A-Za-z0-9_]+)*");

    /** Why a day counts as a holiday. */
    public enum Kind {
        /** A holiday by national (federal) law. */
        NATIONAL,
        /** A holiday by the law of one state; its scope is a country and a state ("BR-SP"). */
        STATE,
        /** A holiday of one municipality; its scope names the municipality ("BR-SP-3550308"). */
        MUNICIPAL,
        /**
         * A <i>ponto facultativo</i>: not a holiday by national law, but a day off in most places
         * (Carnival, Good Friday, Corpus Christi in Brazil). Counted only while
         * {@link HolidayCalendar#withFacultative(boolean)} is on.
         */
        FACULTATIVE,
        /** A date the user added: a local holiday the data does not know, or a blackout. */
        EXTRA
    }

    /** Checks every component; see the parameters above for what is allowed. */
    public Holiday {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("holiday name must not be blank, but was " + quoted(name));
        }
        if (date == null) {
            throw new IllegalArgumentException("holiday '" + name + "' needs a date, but was null");
        }
        if (kind == null) {
            throw new IllegalArgumentException("holiday '" + name + "' needs a kind, but was null");
        }
        String problem = scopeProblem(scope, kind);
        if (problem != null) {
            throw new IllegalArgumentException("holiday '" + name + "' " + problem);
        }
    }

    /** Why {@code scope} cannot carry a holiday of this kind, or null when it can. */
    static String scopeProblem(String scope, Kind kind) {
        if (scope == null || !SCOPE.matcher(scope).matches()) {
            return "scope must be a country code such as BR, optionally followed by regions such as BR-SP or "
                    + "BR-SP-3550308, but was " + quoted(scope);
        }
        int regions = scope.split("-").length - 1;
        if (kind == Kind.NATIONAL && regions != 0) {
            return "is NATIONAL, so its scope must be a country such as BR, but was '" + scope + "'";
        } else if (kind == Kind.STATE && regions != 1) {
            return "is STATE, so its scope must be a country and a state such as BR-SP, but was '" + scope + "'";
        } else if (kind == Kind.MUNICIPAL && regions == 0) {
            return "is MUNICIPAL, so its scope must name a region such as BR-SP-3550308, but was '" + scope + "'";
        }
        return null;
    }

    private static String quoted(String text) {
        return text == null ? "null" : "'" + text + "'";
    }
}
