/**
 * The generic HTTP webhook adapter ({@link io.cadencerules.channels.webhook.WebhookChannelAdapter}):
 * signed JSON over {@code java.net.http}, idempotency key header, timeouts and retries with backoff.
 */
package io.cadencerules.channels.webhook;
