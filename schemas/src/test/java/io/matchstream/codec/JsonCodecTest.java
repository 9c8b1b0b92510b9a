package io.matchstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.schema.AssetDefinition;
import io.matchstream.schema.BalanceEvent;
import io.matchstream.schema.Command;
import io.matchstream.schema.Malformed;
import io.matchstream.schema.OrderEvent;
import io.matchstream.schema.Place;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.schema.Trade;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {
  private final JsonCodec codec = new JsonCodec();

  @Test
  void eventsRoundTripInSchemaOrderWithCanonicalDecimals() {
    String line = "{\"type\":\"trade\",\"symbol\":\"BTC-USDT\",\"tradeId\":17,\"price\":\"100\",\"quantity\":\"0.5\","
        + "\"quoteQuantity\":\"50\",\"takerSide\":\"BUY\",\"makerOrderId\":\"o-1\",\"takerOrderId\":\"o-2\","
        + "\"makerUserId\":\"u1\",\"takerUserId\":\"u2\",\"buyerFee\":\"0.001\",\"sellerFee\":\"0.05\",\"ts\":2}";
    Trade trade = (Trade) codec.read(line);
    assertThat(trade.getPrice()).isEqualByComparingTo("100.00");
    assertThat(codec.write(trade)).isEqualTo(line);
  }

  @Test
  void nullsAreWrittenAndReadBack() {
    String line = "{\"type\":\"order\",\"orderId\":\"o-2\",\"clientOrderId\":null,\"userId\":\"u2\",\"symbol\":\"BTC-USDT\","
        + "\"side\":null,\"status\":\"REJECTED\",\"filledQuantity\":\"0\",\"filledQuote\":\"0\",\"reason\":\"INVALID_ORDER\",\"ts\":2}";
    OrderEvent order = (OrderEvent) codec.read(line);
    assertThat(order.getSide()).isNull();
    assertThat(codec.write(order)).isEqualTo(line);
  }

  @ParameterizedTest
  @CsvSource({"1.50,1.5", "100.00,100", "0.000,0", "1E+2,100", "-0.10,-0.1", "12345678901234567890.5,12345678901234567890.5"})
  void decimalsAreWrittenPlainWithoutTrailingZeros(String value, String text) {
    assertThat(Decimals.format(new BigDecimal(value))).isEqualTo(text);
  }

  @Test
  void commandsKeepEveryDigitTheirSchemaHolds() {
    Command command = (Command) codec.readCommand("{\"type\":\"place\",\"orderId\":\"o-1\",\"userId\":\"u1\","
        + "\"price\":\"0.00000000000000000001\",\"quantity\":12.5,\"side\":\"SIDEWAYS\",\"ts\":\"7\"}");
    Place place = (Place) command.getBody();
    assertThat(place.getPrice()).isEqualByComparingTo("1E-20");
    assertThat(place.getQuantity()).isEqualByComparingTo("12.5");
    assertThat(place.getSide()).as("enums stay text: the engine rejects them").isEqualTo("SIDEWAYS");
    assertThat(place.getTs()).isEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.333333333333333333333", "100.000000000000000000001", "123456789012345678901234567890"})
  void aValueBeyondTheSchemaStaysInvalidWithItsSign(String value) {
    Place place = (Place) ((Command) codec.readCommand(
        "{\"type\":\"place\",\"orderId\":\"o-1\",\"userId\":\"u1\",\"price\":\"" + value + "\"}")).getBody();
    assertThat(place.getPrice().signum()).isEqualTo(1);
    assertThat(place.getPrice().stripTrailingZeros().scale()).as("a non-zero 20th decimal").isEqualTo(20);
    Place negative = (Place) ((Command) codec.readCommand(
        "{\"type\":\"place\",\"orderId\":\"o-1\",\"userId\":\"u1\",\"price\":\"-" + value + "\"}")).getBody();
    assertThat(negative.getPrice().signum()).isEqualTo(-1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "not json|",
      "[1,2]|",
      "null|",
      "{\"type\":\"teleport\"}|teleport",
      "{\"type\":7}|",
      "{\"type\":\"place\",\"price\":\"abc\"}|place",
      "{\"type\":\"place\",\"price\":\"\"}|place",
      "{\"type\":\"place\",\"price\":\" 1\"}|place",
      "{\"type\":\"place\",\"userId\":{\"a\":1}}|place",
      "{\"type\":\"place\",\"userId\":5}|place",
      "{\"type\":\"cancel\",\"ts\":1.5}|cancel",
      "{\"type\":\"deposit\",\"amount\":\"NaN\"}|deposit",
      "{\"type\":\"asset\",\"asset\":\"A\",\"scale\":2} trailing|",
      "{\"type\":\"deposit\",\"userId\":\"u\\ud800\"}|deposit"})
  void unreadableLinesBecomeMalformedCommands(String line, String command) {
    Command malformed = (Command) codec.readCommand(line);
    assertThat(malformed.getBody()).isInstanceOf(Malformed.class);
    assertThat(((Malformed) malformed.getBody()).getCommand()).isEqualTo(command);
  }

  @Test
  void referenceDataGoesToItsOwnWrapperEvenWhenMalformed() {
    assertThat(codec.readCommand("{\"type\":\"asset\",\"asset\":\"BTC\",\"scale\":8}")).isInstanceOf(ReferenceCommand.class);
    ReferenceCommand bad = (ReferenceCommand) codec.readCommand("{\"type\":\"symbol\",\"tickSize\":\"x\"}");
    assertThat(bad.getBody()).isInstanceOf(Malformed.class);
  }

  @ParameterizedTest
  @CsvSource({"2.5", "1e10", "-3"})
  void aScaleThatIsNoIntArrivesAsMinusOne(String scale) {
    ReferenceCommand asset = (ReferenceCommand) codec.readCommand("{\"type\":\"asset\",\"asset\":\"X\",\"scale\":" + scale + "}");
    int expected = scale.equals("-3") ? -3 : -1;
    assertThat(((AssetDefinition) asset.getBody()).getScale()).isEqualTo(expected);
  }

  @Test
  void eventsAreNotCommands() {
    Command command = (Command) codec.readCommand("{\"type\":\"balance\",\"userId\":\"u\",\"asset\":\"A\",\"available\":\"1\",\"locked\":\"0\"}");
    assertThat(command.getBody()).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> codec.read("{\"type\":\"balance\",\"userId\":\"u\"}")).isInstanceOf(MalformedLineException.class);
    assertThat(codec.read("{\"type\":\"balance\",\"userId\":\"u\",\"asset\":\"A\",\"available\":\"1\",\"locked\":\"0\"}"))
        .isInstanceOf(BalanceEvent.class);
  }
}
