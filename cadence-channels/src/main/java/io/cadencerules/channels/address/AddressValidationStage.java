package io.cadencerules.channels.address;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.engine.DecisionStage;
import io.cadencerules.engine.StepContext;
import io.cadencerules.engine.Verdict;

import java.util.Objects;

/**
 * A decision stage that skips a step whose contact point is unusable, instead of handing a bad
 * address to a provider: a phone or WhatsApp number that does not parse, has a DDD that does not
 * exist, has the wrong length, or is a landline for a channel that needs a mobile →
 * {@code skipRoute("invalid-phone", "phone +55 20 9****-4321 has DDD 20, which does not exist")}; an
 * e-mail that fails {@link EmailAddresses} → {@code skipRoute("invalid-email", …)} (the step then tries its fallback channel). Details are masked.
 * Candidates without a contact point proceed (the engine records {@code no-contact-point}).
 *
 * <p>Register it as a policy stage: {@code CadenceEngine.builder().policy(AddressValidationStage.standard())}.
 */
public final class AddressValidationStage implements DecisionStage {

    /** Reason code for an unusable phone or WhatsApp number. */
    public static final String INVALID_PHONE = "invalid-phone";
    /** Reason code for an unusable e-mail address. */
    public static final String INVALID_EMAIL = "invalid-email";

    private final PhoneNumbers phones;

    /**
     * A stage.
     *
     * @param phones the phone checker (its DDD table)
     */
    public AddressValidationStage(PhoneNumbers phones) {
        this.phones = Objects.requireNonNull(phones, "phones");
    }

    /** The stage with the shipped DDD table. */
    public static AddressValidationStage standard() {
        return new AddressValidationStage(PhoneNumbers.standard());
    }

    /**
     * Proceeds, or skips the step with {@link #INVALID_PHONE} / {@link #INVALID_EMAIL} and a masked reason.
     *
     * @param candidate the step about to be sent
     * @return the verdict
     */
    @Override
    public Verdict decide(StepContext candidate) {
        if (candidate.address().isEmpty()) {
            return Verdict.proceed();
        }
        ContactPoint point = candidate.address().get();
        Channel channel = candidate.action().channel();
        if (point.type() == ContactPoint.Type.EMAIL) {
            EmailCheck check = EmailAddresses.check(point.value());
            return check.valid() ? Verdict.proceed() : Verdict.skipRoute(INVALID_EMAIL, check.maskedMessage());
        }
        PhoneCheck check = phones.check(point, channel);
        return check.valid() ? Verdict.proceed() : Verdict.skipRoute(INVALID_PHONE, check.maskedMessage());
    }
}
