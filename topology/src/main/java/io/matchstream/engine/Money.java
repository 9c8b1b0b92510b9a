package io.matchstream.engine;

/** The exchange's products of amounts, exact or with an explicit rounding, never wrapping. */
public final class Money {
  private Money() {}

  /**
   * The quote value of {@code quantity} (base units) at {@code price} (quote units per whole base):
   * exact whenever the symbol's tick and lot decimals fit the quote scale, as SPEC requires.
   */
  public static Units notional(Units price, Units quantity, int baseScale) {
    return price.mulDivFloor(quantity, Units.pow10(baseScale));
  }
}
