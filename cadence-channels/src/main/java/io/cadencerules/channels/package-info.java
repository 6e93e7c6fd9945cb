/**
 * Channel adapters between cadence decisions and messaging / telephony providers: reference
 * adapters (recording, logging, HTTP webhook), templates, and address handling (E.164, DDD to
 * state and zone). The adapter SPI itself, {@link io.cadencerules.channel.ChannelAdapter}, is in
 * {@code cadence-core}; this module's adapters arrive with the channels issue.
 */
package io.cadencerules.channels;
