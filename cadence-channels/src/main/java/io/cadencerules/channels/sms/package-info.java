/**
 * SMS texts: GSM-7 or UCS-2 encoding, segment counting and the cost it implies
 * ({@link io.cadencerules.channels.sms.SmsText}).
 */
package io.cadencerules.channels.sms;
