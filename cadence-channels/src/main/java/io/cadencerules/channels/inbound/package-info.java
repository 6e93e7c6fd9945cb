/**
 * Inbound IVR lookup ("URA receptiva"): given a calling number, the customer's live journeys, the
 * most urgent first, and where the call should go ({@link io.cadencerules.channels.inbound.InboundLookup}).
 * The engine has no phone index, so the application feeds one ({@link io.cadencerules.channels.inbound.PhoneIndex})
 * or plugs its own ({@link io.cadencerules.channels.inbound.PhoneDirectory}).
 */
package io.cadencerules.channels.inbound;
