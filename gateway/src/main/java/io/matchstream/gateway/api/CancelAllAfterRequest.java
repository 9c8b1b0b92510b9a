package io.matchstream.gateway.api;

/** Kraken's {@code cancelAllOrdersAfter}: seconds until every order of the caller is canceled; 0 disarms. */
public record CancelAllAfterRequest(Long timeout) {
}
