package io.matchstream.engine;

public enum Status { NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REJECTED }
