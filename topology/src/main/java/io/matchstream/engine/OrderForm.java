package io.matchstream.engine;

import io.matchstream.engine.Commands.Place;

/**
 * A place command read against its market: checks 4 to 7 of SPEC's validation (form, price,
 * quantity, min notional), extended by SPEC-ADVANCED's stops and icebergs, and what the order
 * would lock. Values too large for a long are rejected as the field they are in: INVALID_PRICE,
 * or INVALID_QUANTITY for a quantity or a notional.
 */
record OrderForm(
    String rejection, boolean buy, boolean market, Tif tif, Stp stp, long price, long quantity,
    long quoteQuantity, long lockAmount, long stopPrice, boolean takeProfit, long iceberg) {

  private static OrderForm rejected(String reason) {
    return new OrderForm(reason, false, false, null, null, 0, 0, 0, 0, 0, false, 0);
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
    int baseScale = m.base().scale();
    int quoteScale = m.quote().scale();
    long price = 0;
    if (limit) {
      price = stepped(p.price(), quoteScale, m.tick());
      if (price <= 0) {
        return rejected(Reasons.INVALID_PRICE);
      }
    }
    long stopPrice = 0;
    if (stop) {
      stopPrice = stepped(p.stopPrice(), quoteScale, m.tick());
      if (stopPrice <= 0) {
        return rejected(Reasons.INVALID_PRICE);
      }
    }
    boolean takeProfit = "TAKE_PROFIT".equals(type) || "TAKE_PROFIT_LIMIT".equals(type);
    if (market && buy) {
      long quoteQuantity = units(p.quoteQuantity(), quoteScale);
      if (quoteQuantity <= 0) {
        return rejected(Reasons.INVALID_QUANTITY);
      }
      if (quoteQuantity < m.minNotional()) {
        return rejected(Reasons.MIN_NOTIONAL);
      }
      return new OrderForm(null, true, true, Tif.IOC, stp, 0, 0, quoteQuantity, quoteQuantity, stopPrice,
          takeProfit, 0);
    }
    long quantity = stepped(p.quantity(), baseScale, m.lot());
    if (quantity <= 0) {
      return rejected(Reasons.INVALID_QUANTITY);
    }
    if (market) {
      return new OrderForm(null, false, true, Tif.IOC, stp, 0, quantity, 0, quantity, stopPrice, takeProfit, 0);
    }
    long iceberg = 0;
    if (p.icebergQuantity() != null) {
      iceberg = stepped(p.icebergQuantity(), baseScale, m.lot());
      if (iceberg <= 0 || iceberg >= quantity) {
        return rejected(Reasons.INVALID_QUANTITY);
      }
    }
    long notional;
    try {
      notional = m.notional(price, quantity);
    } catch (ArithmeticException overflow) {
      return rejected(Reasons.INVALID_QUANTITY);
    }
    if (notional < m.minNotional()) {
      return rejected(Reasons.MIN_NOTIONAL);
    }
    return new OrderForm(null, buy, false, tif, stp, price, quantity, 0, buy ? notional : quantity, stopPrice,
        takeProfit, iceberg);
  }

  /** Units of a positive multiple of {@code step}; 0 when the value is not one. */
  static long stepped(Dec value, int scale, long step) {
    long units = units(value, scale);
    return units > 0 && units % step == 0 ? units : 0;
  }

  /** Units of a positive value that fits the scale and a long; 0 otherwise. */
  private static long units(Dec value, int scale) {
    if (value.signum() <= 0 || !value.fitsScale(scale)) {
      return 0;
    }
    try {
      return value.unitsAt(scale);
    } catch (ArithmeticException overflow) {
      return 0;
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
