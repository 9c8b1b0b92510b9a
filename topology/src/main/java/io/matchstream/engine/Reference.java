package io.matchstream.engine;

/** Read access to reference data: assets and markets. */
public interface Reference {
  Asset asset(String code);

  Market market(String symbol);
}
