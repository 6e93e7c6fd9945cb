package io.cadencerules.simulation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The KPIs of a run (or of one variant), with the formulas of the contact-center trade: every rate is a
 * percentage; a rate whose denominator is zero is null (not applicable), never zero.
 *
 * <pre>
 *   conversion rate     = converted journeys ÷ journeys × 100
 *   answer rate         = calls answered ÷ calls made × 100           (voice blast, outbound IVR, agent)
 *   delivery rate       = contacts delivered or answered ÷ contacts sent × 100
 *   response rate       = contacts answered by the person ÷ contacts sent × 100
 *   opt-out rate        = opt-outs ÷ contacts sent × 100
 *   cost per contact    = spend ÷ contacts sent
 *   cost per conversion = spend ÷ converted journeys                   (cost per acquisition in sales)
 *   cost to collect     = spend ÷ recovered × 100                      (collection)
 *   cure rate           = accounts paid in full ÷ journeys × 100        (collection)
 *   offer response rate = offers accepted ÷ offers made × 100
 *   CSAT = answers 4–5 ÷ answers × 100;  DSAT = answers 1–2 ÷ answers × 100   (1–5 scale)
 *   NPS  = (promoters 9–10 − detractors 0–6) ÷ answers × 100                    (0–10 scale)
 *   FCR  = issues solved on the first contact ÷ issues × 100
 * </pre>
 *
 * @param counts    what was counted
 * @param portfolio the value of the journeys' subjects (debts, deals) when enrolled
 * @param recovered payments received (collection)
 * @param revenue   purchase and accepted-offer values (other purposes)
 * @param spend     the cost of the contacts sent
 */
public record Kpis(Counts counts, BigDecimal portfolio, BigDecimal recovered, BigDecimal revenue, BigDecimal spend,
                   Double conversionRate, Double answerRate, Double deliveryRate, Double responseRate, Double optOutRate,
                   BigDecimal costPerContact, BigDecimal costPerConversion, Double costToCollect, Double cureRate,
                   Double offerResponseRate, Double csat, Double dsat, Double nps, Double fcr) {

    public Kpis {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(recovered, "recovered");
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(spend, "spend");
    }

    /**
     * The counts behind the KPIs.
     *
     * @param journeys        journeys enrolled
     * @param converted       journeys that reached their goal
     * @param contacts        contacts sent (accepted by the channel)
     * @param attempts        contacts handed to a channel (sent or failed)
     * @param calls           calls sent (voice blast, outbound IVR, agent)
     * @param callsAnswered   of those, answered
     * @param delivered       contacts delivered (messages) or answered (calls)
     * @param responded       contacts the person answered (reply, key, click, survey, payment, promise, purchase)
     * @param fullPayments    full payments (collection)
     * @param partialPayments partial payments (collection)
     * @param promises        promises to pay
     * @param promisesKept    promises paid in full by their date
     * @param optOuts         opt-outs and stop replies
     * @param offersMade      real-time offers made on inbound events
     * @param offersAccepted  of those, accepted
     * @param csatAnswers     CSAT answers
     * @param csatPositive    CSAT answers 4–5
     * @param csatNegative    CSAT answers 1–2
     * @param npsAnswers      NPS answers
     * @param promoters       NPS answers 9–10
     * @param detractors      NPS answers 0–6
     * @param fcrAnswers      first-contact-resolution answers
     * @param fcrSolved       of those, solved on the first contact
     */
    public record Counts(long journeys, long converted, long contacts, long attempts, long calls, long callsAnswered,
                         long delivered, long responded, long fullPayments, long partialPayments, long promises,
                         long promisesKept, long optOuts, long offersMade, long offersAccepted, long csatAnswers,
                         long csatPositive, long csatNegative, long npsAnswers, long promoters, long detractors,
                         long fcrAnswers, long fcrSolved) {
    }

    /** Computes every KPI from the counts and amounts. */
    public static Kpis of(Counts c, BigDecimal portfolio, BigDecimal recovered, BigDecimal revenue, BigDecimal spend) {
        return new Kpis(c, portfolio, recovered, revenue, spend,
                percent(c.converted(), c.journeys()),
                percent(c.callsAnswered(), c.calls()),
                percent(c.delivered(), c.contacts()),
                percent(c.responded(), c.contacts()),
                percent(c.optOuts(), c.contacts()),
                costPer(spend, c.contacts()),
                costPer(spend, c.converted()),
                recovered.signum() == 0 ? null : spend.divide(recovered, 10, RoundingMode.HALF_EVEN).doubleValue() * 100,
                c.fullPayments() == 0 && recovered.signum() == 0 ? null : percent(c.fullPayments(), c.journeys()),
                percent(c.offersAccepted(), c.offersMade()),
                percent(c.csatPositive(), c.csatAnswers()),
                percent(c.csatNegative(), c.csatAnswers()),
                nps(c.promoters(), c.detractors(), c.npsAnswers()),
                percent(c.fcrSolved(), c.fcrAnswers()));
    }

    /** {@code part ÷ whole × 100}, or null when {@code whole} is 0. */
    public static Double percent(long part, long whole) {
        if (part < 0 || whole < 0 || part > whole) {
            throw new IllegalArgumentException("a rate needs 0 <= part <= whole, but was " + part + " of " + whole);
        }
        return whole == 0 ? null : 100.0 * part / whole;
    }

    /** {@code (promoters − detractors) ÷ answers × 100}, from −100 to 100, or null without answers. */
    public static Double nps(long promoters, long detractors, long answers) {
        if (promoters < 0 || detractors < 0 || promoters + detractors > answers) {
            throw new IllegalArgumentException("NPS needs promoters + detractors <= answers, but was " + promoters + " + "
                    + detractors + " of " + answers);
        }
        return answers == 0 ? null : 100.0 * (promoters - detractors) / answers;
    }

    /** {@code spend ÷ count}, to the cent's hundredth, or null when {@code count} is 0. */
    public static BigDecimal costPer(BigDecimal spend, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a count must not be negative, but was " + count);
        }
        return count == 0 ? null : spend.divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_EVEN);
    }
}
