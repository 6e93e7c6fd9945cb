package io.cadencerules.cadence;

/** Why a cadence contacts people; the contact policy applies different rules to each. */
public enum Purpose {
    /** Collection of a debt (cobrança): exempt from offer-only lists such as Não Me Perturbe. */
    COLLECTION,
    /** Offers, sales, cross-sell: needs consent per channel in most jurisdictions. */
    MARKETING,
    /** Service messages: reminders, confirmations, thank-yous, surveys. */
    TRANSACTIONAL
}
