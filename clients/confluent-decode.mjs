// Decodes Kafka record values with Confluent's own Avro deserializer, through the schema
// registry's Confluent-compatible API. Reads lines {"topic", "value": base64} from standard input
// and prints, per line, {"topic", "value": decoded}; decimals as plain strings without trailing
// zeros, bytes as hex. Usage: node confluent-decode.mjs <registry ccompat url>
import { AvroDeserializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import avro from 'avsc';
import readline from 'node:readline';

// avsc reads a decimal as its raw bytes unless told the logical type
class Decimal extends avro.types.LogicalType {
  constructor(schema, opts) {
    super(schema, opts);
    this.scale = schema.scale || 0;
  }

  _fromValue(bytes) {
    let unscaled = 0n;
    for (const b of bytes) unscaled = (unscaled << 8n) | BigInt(b);
    if (bytes.length > 0 && bytes[0] & 0x80) unscaled -= 1n << BigInt(8 * bytes.length);
    const negative = unscaled < 0n;
    let digits = (negative ? -unscaled : unscaled).toString().padStart(this.scale + 1, '0');
    let whole = digits.slice(0, digits.length - this.scale);
    let fraction = digits.slice(digits.length - this.scale).replace(/0+$/, '');
    const text = fraction ? `${whole}.${fraction}` : whole;
    return negative && text !== '0' ? `-${text}` : text;
  }

  _toValue() {
    throw new Error('read only');
  }
}

const client = new SchemaRegistryClient({ baseURLs: [process.argv[2]] });
const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {
  logicalTypes: { decimal: Decimal },
  wrapUnions: 'never',
});
const plain = (key, value) => {
  if (value && value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data).toString('hex');
  return value;
};

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { topic, value } = JSON.parse(line);
  const decoded = await deserializer.deserialize(topic, Buffer.from(value, 'base64'));
  console.log(JSON.stringify({ topic, value: decoded }, plain));
}
