package org.fundraising.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * One provider event as it was accepted: its verified body kept byte for byte (as text), the signature header it
 * came with, and when. The inbox stores it before the provider is answered, so a crash after the answer loses
 * nothing.
 */
@RegisterForReflection
public record InboxEvent(Provider provider, String eventId, String type, Instant receivedAt, String body, String signature) {
}
