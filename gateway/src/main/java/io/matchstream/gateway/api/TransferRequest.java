package io.matchstream.gateway.api;

/** A deposit or a withdrawal (admin keys only): SPEC's transfer fields, the amount a decimal string. */
public record TransferRequest(String userId, String asset, String amount, String txId) {
}
