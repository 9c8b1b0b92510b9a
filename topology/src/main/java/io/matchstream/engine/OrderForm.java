package io.matchstream.engine;

import io.matchstream.engine.Commands.Place;

/**
 * A place command read against its market: checks 4 to 7 of SPEC's validation (form, price,
 * quantity, min notional), extended by SPEC-ADVANCED's stops and icebergs, and what the order
 * would lock. A value at or past its asset's cap ({@link Asset#limit()}) is rejected as the field
 * it is in: INVALID_PRICE, or INVALID_QUANTITY for a quantity or a notional.
 */
record OrderForm(
    String rejection, boolean buy, boolean market, Tif tif, Stp stp, Units price, Units quantity,
    Units quoteQuantity, Units lockAmount, Units stopPrice, boolean takeProfit, Units iceberg) {

  private static OrderForm rejected(String reason) {
    return new OrderForm(reason, false, false, null, null, Units.ZERO, Units.ZERO, Units.ZERO, Units.ZERO,
        Units.ZERO, false, Units.ZERO);
  }
  /** Whether {@code orderType} names a stop order: its events carry {@code triggered}. */
  static boolean isStopType(String orderType) {
    return "STOP_LOSS".equals(orderType) || "STOP_LOSS_LIMIT".equals(orderType)
        || "TAKE_PROFIT".equals(orderType) || "TAKE_PROFIT_LIMIT".equals(orderType);
  }

  /** Whether {@code orderType} is one SPEC and SPEC-ADVANCED know. */
  static boolean isOrderType(String orderType) {
    return "LIMIT".equals(orderType) || "MARKET".equals(orderType) || isStopType(orderType);
  }

  static OrderForm read(Place p, Boolean side, Market m) {
    Tif tif = p.timeInForce() == null ? null : parse(TIFS, p.timeInForce());
    Stp stp = p.stp() == null ? Stp.NONE : parse(STPS, p.stp());
    String type = p.orderType();
    boolean stop = isStopType(type);
    boolean limit = "LIMIT".equals(type) || "STOP_LOSS_LIMIT".equals(type) || "TAKE_PROFIT_LIMIT".equals(type);
    boolean market = "MARKET".equals(type) || "STOP_LOSS".equals(type) || "TAKE_PROFIT".equals(type);
    if (side == null || !(limit || market) || (p.timeInForce() != null && tif == null) || stp == null) {
      return rejected(Reasons.INVALID_ORDER);
    }
    boolean buy = side;
    boolean formOk = limit
        ? p.price() != null && p.quantity() != null && p.quoteQuantity() == null && tif != null
            && !(stop && tif == Tif.POST_ONLY)
        : p.price() == null && (tif == null || tif == Tif.IOC)
            && (buy ? p.quoteQuantity() != null && p.quantity() == null
                    : p.quantity() != null && p.quoteQuantity() == null);
    formOk &= stop == (p.stopPrice() != null);
    formOk &= p.icebergQuantity() == null || ("LIMIT".equals(type) && tif == Tif.GTC);
    if (!formOk) {
      return rejected(Reasons.INVALID_ORDER);
    }
    Units price = Units.ZERO;
    if (limit) {
      price = stepped(p.price(), m.quote(), m.tick());
      if (price.isZero()) {
        return rejected(Reasons.INVALID_PRICE);
      }
    }
    Units stopPrice = Units.ZERO;
    if (stop) {
      stopPrice = stepped(p.stopPrice(), m.quote(), m.tick());
      if (stopPrice.isZero()) {
        return rejected(Reasons.INVALID_PRICE);
      }
    }
    boolean takeProfit = "TAKE_PROFIT".equals(type) || "TAKE_PROFIT_LIMIT".equals(type);
    if (market && buy) {
      Units quoteQuantity = units(p.quoteQuantity(), m.quote());
      if (quoteQuantity.isZero()) {
        return rejected(Reasons.INVALID_QUANTITY);
      }
      if (quoteQuantity.lessThan(m.minNotional())) {
        return rejected(Reasons.MIN_NOTIONAL);
      }
      return new OrderForm(null, true, true, Tif.IOC, stp, Units.ZERO, Units.ZERO, quoteQuantity, quoteQuantity,
          stopPrice, takeProfit, Units.ZERO);
    }
    Units quantity = stepped(p.quantity(), m.base(), m.lot());
    if (quantity.isZero()) {
      return rejected(Reasons.INVALID_QUANTITY);
    }
    if (market) {
      return new OrderForm(null, false, true, Tif.IOC, stp, Units.ZERO, quantity, Units.ZERO, quantity, stopPrice,
          takeProfit, Units.ZERO);
    }
    Units iceberg = Units.ZERO;
    if (p.icebergQuantity() != null) {
      iceberg = stepped(p.icebergQuantity(), m.base(), m.lot());
      if (iceberg.isZero() || !iceberg.lessThan(quantity)) {
        return rejected(Reasons.INVALID_QUANTITY);
      }
    }
    Units notional;
    try {
      notional = m.notional(price, quantity);
    } catch (ArithmeticException overflow) {
      return rejected(Reasons.INVALID_QUANTITY);
    }
    if (!notional.lessThan(m.quote().limit())) {
      return rejected(Reasons.INVALID_QUANTITY);
    }
    if (notional.lessThan(m.minNotional())) {
      return rejected(Reasons.MIN_NOTIONAL);
    }
    return new OrderForm(null, buy, false, tif, stp, price, quantity, Units.ZERO, buy ? notional : quantity, stopPrice,
        takeProfit, iceberg);
  }

  /** Units of a positive multiple of {@code step} below the asset's cap; zero when the value is not one. */
  static Units stepped(Dec value, Asset asset, Units step) {
    Units units = units(value, asset);
    return units.isZero() || units.isMultipleOf(step) ? units : Units.ZERO;
  }

  /** Units of a positive value that fits the asset's scale and stays below its cap; zero otherwise. */
  private static Units units(Dec value, Asset asset) {
    if (value.signum() <= 0 || !value.fitsScale(asset.scale())) {
      return Units.ZERO;
    }
    try {
      Units units = value.unitsAt(asset.scale());
      return units.lessThan(asset.limit()) ? units : Units.ZERO;
    } catch (ArithmeticException overflow) {
      return Units.ZERO;
    }
  }

  private static final Tif[] TIFS = Tif.values();
  private static final Stp[] STPS = Stp.values();

  private static <E extends Enum<E>> E parse(E[] constants, String name) {
    for (E constant : constants) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    return null;
  }
}
