package io.matchstream.topology;

import io.matchstream.schema.AssetDefinition;
import io.matchstream.schema.Command;
import io.matchstream.schema.Deposit;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.schema.SymbolDefinition;
import io.matchstream.schema.Withdraw;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Where a decoded command line goes: reference data to its one-partition topic keyed by the asset
 * or symbol, deposits and withdrawals to the transfers topic and every other command to the
 * commands topic, both keyed by the user (so one user's commands stay in order), with the
 * command's {@code ts} as the record's timestamp.
 */
public final class CommandRouting {
  private CommandRouting() {}

  public static String topic(SpecificRecord decoded) {
    if (decoded instanceof ReferenceCommand) {
      return Topics.REFERENCE;
    }
    return isTransfer(decoded) ? Topics.TRANSFERS : Topics.COMMANDS;
  }

  /** True for a deposit or a withdrawal. */
  public static boolean isTransfer(SpecificRecord decoded) {
    return decoded instanceof Command command
        && (command.getBody() instanceof Deposit || command.getBody() instanceof Withdraw);
  }

  /** The record key: the asset or symbol of reference data, else the user; null when the line had none. */
  public static String key(SpecificRecord decoded) {
    if (decoded instanceof ReferenceCommand definition) {
      Object body = definition.getBody();
      if (body instanceof AssetDefinition a) {
        return a.getAsset();
      }
      return body instanceof SymbolDefinition s ? s.getSymbol() : null;
    }
    return (String) field((Command) decoded, "userId");
  }

  /** The record timestamp: the command's ts (reference data and lines without one: 0; never negative). */
  public static long timestamp(SpecificRecord decoded) {
    if (decoded instanceof Command command && field(command, "ts") instanceof Long ts) {
      return Math.max(0, ts);
    }
    return 0L;
  }

  /** A field of the command's body, or null when that kind of command has none (a malformed line). */
  private static Object field(Command command, String name) {
    SpecificRecordBase body = (SpecificRecordBase) command.getBody();
    return body.getSchema().getField(name) == null ? null : body.get(name);
  }
}
