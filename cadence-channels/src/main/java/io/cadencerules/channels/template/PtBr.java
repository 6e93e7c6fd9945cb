package io.cadencerules.channels.template;

import io.cadencerules.customer.Money;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/** Brazilian Portuguese formatting of money and dates, as templates show them. */
public final class PtBr {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", PT_BR);

    private PtBr() {
    }

    /**
     * Money with the currency symbol, thousands dots and a decimal comma: {@code R$ 1.234,56}. Rounded
     * half-up to the currency's decimals; currencies other than the real show their ISO code
     * ({@code USD 10,00}). The space is a plain space (not the no-break space of the JDK's
     * currency format), so SMS texts stay GSM-7.
     *
     * @param money the amount
     * @return the text
     */
    public static String money(Money money) {
        Objects.requireNonNull(money, "money");
        int digits = Math.max(0, money.currency().getDefaultFractionDigits());
        DecimalFormat format = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
                DecimalFormatSymbols.getInstance(PT_BR));
        format.setRoundingMode(RoundingMode.HALF_UP);
        String symbol = money.currency().equals(Money.BRL) ? "R$" : money.currency().getCurrencyCode();
        String number = format.format(money.amount().abs());
        return (money.amount().signum() < 0 ? "-" : "") + symbol + " " + number;
    }

    /**
     * A date as {@code dd/MM/yyyy}: {@code 10/03/2026}.
     *
     * @param date the date
     * @return the text
     */
    public static String date(LocalDate date) {
        return DATE.format(Objects.requireNonNull(date, "date"));
    }
}
