package io.cadencerules.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's answer to a survey question: the source of CSAT, DSAT, NPS and FCR.
 *
 * @param survey the kind of question, which fixes the score's range
 * @param score  the answer: 1–5 for {@link Survey#CSAT}, 0–10 for {@link Survey#NPS}, 1 (solved) or 0 (not
 *               solved) for {@link Survey#FCR}
 */
public record SurveyAnswered(String id, Instant occurredAt, String customerId, String subjectKey, Survey survey, int score)
        implements Event {

    /** The survey questions the KPIs know. */
    public enum Survey {
        /** "How satisfied are you?" 1–5: 4–5 positive (CSAT), 1–2 negative (DSAT). */
        CSAT(1, 5),
        /** "How likely are you to recommend us?" 0–10: 9–10 promoters, 0–6 detractors. */
        NPS(0, 10),
        /** "Was your issue solved on this first contact?" 1 yes, 0 no. */
        FCR(0, 1);

        private final int min;
        private final int max;

        Survey(int min, int max) {
            this.min = min;
            this.max = max;
        }

        /** Lowest valid score. */
        public int min() {
            return min;
        }

        /** Highest valid score. */
        public int max() {
            return max;
        }
    }

    public SurveyAnswered {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(survey, "event '" + id + "' must name its survey");
        if (score < survey.min() || score > survey.max()) {
            throw new IllegalArgumentException("event '" + id + "' " + survey + " score must be within " + survey.min()
                    + "–" + survey.max() + ", but was " + score);
        }
    }

    @Override
    public EventType type() {
        return EventType.SURVEY_ANSWERED;
    }
}
