package io.cadencerules.simulation;

import io.cadencerules.event.SurveyAnswered;

import java.time.Duration;
import java.util.Objects;

/**
 * Something a simulated person does after a contact, {@link #after()} the contact. The simulation turns
 * each outcome into the event a real provider or system would send (a failed delivery, a key press, a
 * payment…) and counts it in the report.
 */
public sealed interface Outcome {

    /** How long after the contact it happens; never negative. */
    Duration after();

    /** The message reached the person (or the call reached a line). Counted, not sent to the engine. */
    record Delivered(Duration after) implements Outcome {
        public Delivered {
            check(after);
        }
    }

    /** It did not: the engine gets a {@code MessageFailed} (permanent for a dead address, so it falls back). */
    record Undelivered(Duration after, String reason, boolean permanent) implements Outcome {
        public Undelivered {
            check(after);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A call was answered by the person. Counted, not sent to the engine. */
    record Answered(Duration after) implements Outcome {
        public Answered {
            check(after);
        }
    }

    /** A call rang out: the engine gets a retryable {@code MessageFailed} ("no-answer"). */
    record Unanswered(Duration after) implements Outcome {
        public Unanswered {
            check(after);
        }
    }

    /** A key pressed in an IVR menu. */
    record KeyPress(Duration after, char digit) implements Outcome {
        public KeyPress {
            check(after);
        }
    }

    /** A reply to an SMS or WhatsApp message. */
    record Reply(Duration after, String text) implements Outcome {
        public Reply {
            check(after);
            Objects.requireNonNull(text, "text");
        }
    }

    /** A click on a tracked link of an e-mail or message. */
    record Click(Duration after, String link) implements Outcome {
        public Click {
            check(after);
            Objects.requireNonNull(link, "link");
        }
    }

    /** The cadence's goal: a full payment (collection) or a purchase, confirmation, booking (other purposes). */
    record Converted(Duration after) implements Outcome {
        public Converted {
            check(after);
        }
    }

    /** A partial payment of {@code share} of the open balance (collection only). */
    record PartialPayment(Duration after, double share) implements Outcome {
        public PartialPayment {
            check(after);
            if (!(share > 0 && share < 1)) {
                throw new IllegalArgumentException("partial payment share must be within (0, 1), but was " + share);
            }
        }
    }

    /** A promise to pay in {@code days} days (collection only); {@code kept} says whether it will be paid in time. */
    record Promise(Duration after, int days, boolean kept) implements Outcome {
        public Promise {
            check(after);
            if (days < 0) {
                throw new IllegalArgumentException("promise must be for a day ahead, but was " + days + " days");
            }
        }
    }

    /** The person asks to stop: "PARAR" to an SMS or WhatsApp message, else an opt-out on the channel. */
    record OptedOut(Duration after) implements Outcome {
        public OptedOut {
            check(after);
        }
    }

    /** An answer to the step's survey question. */
    record SurveyScore(Duration after, SurveyAnswered.Survey survey, int score) implements Outcome {
        public SurveyScore {
            check(after);
            Objects.requireNonNull(survey, "survey");
            if (score < survey.min() || score > survey.max()) {
                throw new IllegalArgumentException(survey + " score must be within " + survey.min() + "–" + survey.max()
                        + ", but was " + score);
            }
        }
    }

    private static void check(Duration after) {
        Objects.requireNonNull(after, "after");
        if (after.isNegative()) {
            throw new IllegalArgumentException("an outcome cannot come before its contact, but was " + after);
        }
    }
}
