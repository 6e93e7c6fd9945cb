/**
 * Channel adapters between cadence decisions and messaging / telephony providers, and what
 * surrounds them. The adapter SPI itself, {@link io.cadencerules.channel.ChannelAdapter}, is in
 * {@code cadence-core}. Sub-packages: {@code adapter} (logging adapter), {@code webhook} (signed
 * HTTP adapter), {@code template} (Mustache catalog), {@code address} (phones, e-mails, DDD
 * tables, zone resolver, address-validation stage), {@code sms} (encoding and segments),
 * {@code callback} (provider callbacks to events), {@code mailing} (the agents' list).
 * See docs/channels.md.
 */
package io.cadencerules.channels;
