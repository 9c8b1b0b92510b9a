package io.matchstream.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.schema.BalanceEvent;
import io.matchstream.schema.BookDelta;
import io.matchstream.schema.Command;
import io.matchstream.schema.Malformed;
import io.matchstream.schema.OrderEvent;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.schema.RejectEvent;
import io.matchstream.schema.Trade;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The JSON face of the Avro records (SPEC's replay format), both ways. A record's JSON {@code type}
 * is the {@code jsonType} property of its schema and its fields are the schema's fields in order,
 * so the schemas stay the single definition of every message.
 */
public final class JsonCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private final Map<String, Schema> schemaByType = new HashMap<>();

  public JsonCodec() {
    for (Schema wrapper : List.of(Command.SCHEMA$, ReferenceCommand.SCHEMA$)) {
      for (Schema body : wrapper.getField("body").schema().getTypes()) {
        register(body);
      }
    }
    for (Schema event :
        List.of(Trade.SCHEMA$, OrderEvent.SCHEMA$, BookDelta.SCHEMA$, BalanceEvent.SCHEMA$, RejectEvent.SCHEMA$)) {
      register(event);
    }
  }

  private void register(Schema schema) {
    String type = schema.getProp("jsonType");
    if (type != null) {
      schemaByType.put(type, schema);
    }
  }

  /**
   * Reads a command line. Returns a {@link Command} (user commands) or a {@link ReferenceCommand}
   * (assets and symbols); a line that cannot be read becomes a {@link Malformed} body, so that its
   * rejection flows through the topology in order with everything else.
   */
  public SpecificRecord readCommand(String line) {
    try {
      SpecificRecord body = read(line);
      if (body instanceof io.matchstream.schema.AssetDefinition
          || body instanceof io.matchstream.schema.SymbolDefinition) {
        return new ReferenceCommand(body);
      }
      if (body instanceof Trade || body instanceof OrderEvent || body instanceof BookDelta
          || body instanceof BalanceEvent || body instanceof RejectEvent) {
        throw new MalformedLineException(body.getSchema().getProp("jsonType"), "an event is not a command");
      }
      return new Command(body);
    } catch (MalformedLineException e) {
      Malformed malformed = new Malformed(e.command(), e.getMessage());
      return "asset".equals(e.command()) || "symbol".equals(e.command())
          ? new ReferenceCommand(malformed)
          : new Command(malformed);
    }
  }

  /** Reads any command body or event from its JSON line. */
  public SpecificRecord read(String line) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (IOException e) {
      throw new MalformedLineException(null, "not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new MalformedLineException(null, "not a JSON object");
    }
    JsonNode typeNode = node.get("type");
    String type = typeNode != null && typeNode.isTextual() ? typeNode.textValue() : null;
    Schema schema = type == null ? null : schemaByType.get(type);
    if (schema == null) {
      throw new MalformedLineException(type, "unknown type");
    }
    SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      JsonNode value = node.get(field.name());
      record.put(field.pos(), readValue(type, field, value));
    }
    return record;
  }

  private static Object readValue(String type, Schema.Field field, JsonNode value) {
    Schema schema = field.schema();
    boolean absent = value == null || value.isNull();
    if (schema.getType() == Schema.Type.UNION) {
      if (absent) {
        return null;
      }
      schema = schema.getTypes().get(1);
    } else if (absent) {
      if (field.hasDefaultValue()) {
        return SpecificData.get().getDefaultValue(field);
      }
      throw new MalformedLineException(type, "missing " + field.name());
    }
    try {
      return switch (schema.getType()) {
        case STRING -> {
          if (!value.isTextual() || !isWellFormed(value.textValue())) {
            throw new MalformedLineException(type, field.name() + " is not a string of text");
          }
          yield value.textValue();
        }
        case LONG -> readInteger(value).longValueExact();
        case INT -> intOrInvalid(value);
        case BOOLEAN -> {
          if (!value.isBoolean()) {
            throw new MalformedLineException(type, field.name() + " is not a boolean");
          }
          yield value.booleanValue();
        }
        case ENUM -> SpecificData.get().createEnum(value.textValue(), schema);
        case BYTES -> {
          if (!(schema.getLogicalType() instanceof LogicalTypes.Decimal)) {
            throw new MalformedLineException(type, field.name() + " cannot be read from JSON");
          }
          yield Decimals.fit(readDecimal(value), schema);
        }
        default -> throw new MalformedLineException(type, field.name() + " cannot be read from JSON");
      };
    } catch (ArithmeticException | IllegalArgumentException | NullPointerException e) {
      throw new MalformedLineException(type, field.name() + " cannot be read: " + value);
    }
  }

  /**
   * An int field (an asset's scale) holding a number that is no int arrives as -1, a value the
   * rules reject (INVALID_ASSET): the number was readable, only its value is wrong.
   */
  private static int intOrInvalid(JsonNode value) {
    BigDecimal number = readDecimal(value);
    try {
      return number.setScale(0, java.math.RoundingMode.UNNECESSARY).intValueExact();
    } catch (ArithmeticException notAnInt) {
      return -1;
    }
  }

  /** False for a string with a lone surrogate: "\\ud800" is valid JSON but no text to store or compare. */
  private static boolean isWellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static BigDecimal readInteger(JsonNode value) {
    BigDecimal number = readDecimal(value);
    return number.setScale(0, java.math.RoundingMode.UNNECESSARY);
  }

  private static BigDecimal readDecimal(JsonNode value) {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      String text = value.textValue();
      if (text.isEmpty() || !text.equals(text.strip())) {
        throw new IllegalArgumentException("not a number");
      }
      return new BigDecimal(text);
    }
    throw new IllegalArgumentException("not a number");
  }

  /** Writes a command body or an event as one JSON line (without the line break). */
  public String write(SpecificRecord record) {
    StringWriter out = new StringWriter(192);
    write(record, out);
    return out.toString();
  }

  /** Writes a command body or an event as one JSON object to {@code out}. */
  public void write(SpecificRecord record, Writer out) {
    try (JsonGenerator json = lineGenerator(out)) {
      write(record, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one JSON object through {@code json}. */
  void write(SpecificRecord record, JsonGenerator json) throws IOException {
    Face face = FACES.get(record.getClass());
    json.writeStartObject();
    json.writeStringField("type", face.type);
    for (int i = 0; i < face.positions.length; i++) {
      Object value = record.get(face.positions[i]);
      if (value == null && face.omitNull[i]) {
        continue;
      }
      json.writeFieldName(face.names[i]);
      writeValue(json, value);
    }
    json.writeEndObject();
  }

  /** A record class's JSON face: its type and the fields it shows, worked out once per class. */
  private record Face(String type, int[] positions, SerializedString[] names, boolean[] omitNull) {}

  private static final ClassValue<Face> FACES = new ClassValue<>() {
    @Override
    protected Face computeValue(Class<?> type) {
      Schema schema = SpecificData.get().getSchema(type);
      String jsonType = schema.getProp("jsonType");
      if (jsonType == null) {
        throw new IllegalArgumentException(schema.getFullName() + " has no JSON face");
      }
      // SPEC-ADVANCED's fields are absent, not null, where they do not apply; and some fields
      // exist for the topics' other readers (the orders table) and are not in SPEC's JSON face
      List<Schema.Field> shown = schema.getFields().stream()
          .filter(field -> field.getObjectProp("jsonOmit") != Boolean.TRUE).toList();
      int[] positions = new int[shown.size()];
      SerializedString[] names = new SerializedString[shown.size()];
      boolean[] omitNull = new boolean[shown.size()];
      for (int i = 0; i < shown.size(); i++) {
        positions[i] = shown.get(i).pos();
        names[i] = new SerializedString(shown.get(i).name());
        omitNull[i] = shown.get(i).getObjectProp("jsonOmitNull") == Boolean.TRUE;
      }
      return new Face(jsonType, positions, names, omitNull);
    }
  };

  /**
   * Creates a generator that writes JSON objects one after another with nothing between them, and
   * neither closes nor flushes {@code out}: a flush passed on would be a system call per event
   * when it writes to a file.
   */
  static JsonGenerator lineGenerator(Writer out) throws IOException {
    JsonGenerator json = FACTORY.createGenerator(out);
    json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    json.configure(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM, false);
    json.setRootValueSeparator(null);
    return json;
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof BigDecimal decimal) {
      json.writeString(Decimals.format(decimal));
    } else if (value instanceof Long number) {
      json.writeNumber(number);
    } else if (value instanceof Integer number) {
      json.writeNumber(number);
    } else if (value instanceof Boolean flag) {
      json.writeBoolean(flag);
    } else {
      json.writeString(value.toString());
    }
  }
}
