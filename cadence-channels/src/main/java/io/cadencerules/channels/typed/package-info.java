/**
 * Typed requests per channel family ({@link io.cadencerules.channels.typed.SmsRequest},
 * {@link io.cadencerules.channels.typed.EmailRequest}, {@link io.cadencerules.channels.typed.WhatsAppRequest}…),
 * one small adapter interface per family, and {@link io.cadencerules.channels.typed.TypedChannels}, the
 * bridge that turns each into a core {@link io.cadencerules.channel.ChannelAdapter}: it renders the
 * templates, finds the step and journey the request belongs to, and rejects (never throws) what
 * cannot be sent. {@link io.cadencerules.channels.typed.AdapterProfile} declares an adapter's
 * capabilities and unit cost, as data.
 */
package io.cadencerules.channels.typed;
