package io.matchstream.engine;

/** Self-trade prevention mode; the taker's applies. */
public enum Stp { NONE, EXPIRE_TAKER, EXPIRE_MAKER, EXPIRE_BOTH }
