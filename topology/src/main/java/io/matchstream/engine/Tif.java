package io.matchstream.engine;

/** Time in force. */
public enum Tif { GTC, IOC, FOK, POST_ONLY }
