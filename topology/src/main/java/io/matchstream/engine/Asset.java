package io.matchstream.engine;

/** An asset and how many decimals its balances keep. */
public record Asset(String code, int scale) {}
