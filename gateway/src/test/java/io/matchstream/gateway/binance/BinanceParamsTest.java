package io.matchstream.gateway.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.client.RequestSigning;
import org.junit.jupiter.api.Test;

class BinanceParamsTest {
  @Test
  void signsAsBinancesDocumentationDoes() {
    // the example of Binance's REST API documentation, "SIGNED endpoint security"
    String query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
        + "&timestamp=1499827319559";
    String secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    String signature = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";
    assertThat(RequestSigning.sign(secret, BinanceRequestFilter.withoutSignature(query + "&signature=" + signature)))
        .isEqualTo(signature);
    assertThat(BinanceRequestFilter.withoutSignature("signature=abc&symbol=X")).isEqualTo("symbol=X");
    assertThat(BinanceRequestFilter.withoutSignature("signature=abc")).isEmpty();
    assertThat(BinanceRequestFilter.withoutSignature(null)).isEmpty();
  }

  @Test
  void theQueryWinsOverTheBodyAndEmptyIsNotSent() {
    BinanceParams params = BinanceParams.parse("symbol=BTCUSDT&limit=", "symbol=ETHUSDT&side=BUY");
    assertThat(params.required("symbol")).isEqualTo("BTCUSDT");
    assertThat(params.required("side")).isEqualTo("BUY");
    assertThat(params.has("limit")).isFalse();
    assertThat(params.limit(100, 5000)).isEqualTo(100);
    assertThat(BinanceParams.parse("limit=9000", null).limit(100, 5000)).isEqualTo(5000);
  }

  @Test
  void malformedValuesGetBinancesCodes() {
    assertThatThrownBy(() -> BinanceParams.parse("a=1&a=2", null)).isInstanceOf(BinanceError.class)
        .satisfies(e -> assertThat(((BinanceError) e).code()).isEqualTo(-1101));
    assertThatThrownBy(() -> BinanceParams.parse("price=1e5", null).decimal("price"))
        .satisfies(e -> assertThat(((BinanceError) e).code()).isEqualTo(-1100));
    assertThatThrownBy(() -> BinanceParams.parse("price=-1", null).decimal("price"))
        .satisfies(e -> assertThat(((BinanceError) e).code()).isEqualTo(-1100));
    assertThatThrownBy(() -> BinanceParams.parse("", null).required("symbol"))
        .satisfies(e -> assertThat(((BinanceError) e).code()).isEqualTo(-1102))
        .hasMessage("Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
    assertThatThrownBy(() -> BinanceParams.parse("orderId=12x", null).integer("orderId"))
        .satisfies(e -> assertThat(((BinanceError) e).code()).isEqualTo(-1100));
    assertThatThrownBy(() -> BinanceParams.parse("x=%zz", null)).isInstanceOf(BinanceError.class);
    assertThat(new BinanceError(400, -1, "a \"quote\"").body()).isEqualTo("{\"code\":-1,\"msg\":\"a \\\"quote\\\"\"}");
  }

  @Test
  void aParameterNothingReadIsRefusedWith1104() {
    BinanceParams params = BinanceParams.parse("symbol=BTCUSDT&stopprice=5&timestamp=1&signature=x", "recvWindow=5000");
    params.required("symbol");
    assertThatThrownBy(params::requireAllRead).isInstanceOf(BinanceError.class)
        .satisfies(e -> assertThat(((BinanceError) e).code()).isEqualTo(-1104))
        .hasMessageContaining("read '1' parameter(s) but was sent '2'").hasMessageContaining("stopprice");
    params.optional("stopprice");
    params.requireAllRead();

    // a renamed copy's reads count for the names as sent, both ways
    BinanceParams replace = BinanceParams.parse("symbol=BTCUSDT&cancelOrderId=7&side=BUY", null);
    BinanceParams cancel = replace.renamed(java.util.Map.of("cancelOrderId", "orderId"));
    replace.required("symbol");
    assertThatThrownBy(cancel::requireAllRead).isInstanceOf(BinanceError.class).hasMessageContaining("cancelOrderId");
    cancel.required("orderId");
    replace.required("side");
    cancel.requireAllRead();
    replace.requireAllRead();
  }
}
