/**
 * Addresses: phone numbers (E.164 through libphonenumber, Brazilian DDD → state → time zone from
 * the shipped {@link io.cadencerules.channels.address.BrazilNumbering} tables), e-mail syntax,
 * masking for logs, a {@link io.cadencerules.engine.ZoneResolver} for Brazil, and a decision stage
 * that skips steps whose contact point is unusable.
 */
package io.cadencerules.channels.address;
