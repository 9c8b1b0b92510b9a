package io.matchstream.gateway.api;

/** Funds credited to a user (admin keys only); {@code txId} is unique per user, as SPEC has it. */
public record DepositRequest(String userId, String asset, String amount, String txId) {
}
