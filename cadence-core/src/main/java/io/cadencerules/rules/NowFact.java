package io.cadencerules.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The engine's now in the customer's zone. */
public final class NowFact {

    private final Instant instant;
    private final ZonedDateTime local;

    /** Now in a zone. */
    public NowFact(Instant instant, ZoneId zone) {
        this.instant = instant;
        this.local = instant.atZone(zone);
    }

    public Instant getInstant() {
        return instant;
    }

    public LocalDate getDate() {
        return local.toLocalDate();
    }

    public LocalTime getTime() {
        return local.toLocalTime();
    }

    public int getHour() {
        return local.getHour();
    }

    public DayOfWeek getDayOfWeek() {
        return local.getDayOfWeek();
    }

    public boolean isWeekend() {
        return local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    @Override
    public String toString() {
        return local.toString();
    }
}
