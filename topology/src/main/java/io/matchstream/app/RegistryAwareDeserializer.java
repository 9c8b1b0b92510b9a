package io.matchstream.app;

import io.apicurio.registry.rest.client.exception.RestClientException;
import io.matchstream.topology.RegistryUnavailableException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Apicurio's deserializer, telling "the registry did not answer" apart from "these bytes are not a
 * record": Apicurio reports both as a {@link RestClientException}, the first without an HTTP
 * status (a refused connection) or with a 5xx, the second with a 4xx (no schema of that id).
 */
final class RegistryAwareDeserializer<T> implements Deserializer<T> {
  private final Deserializer<T> apicurio;

  RegistryAwareDeserializer(Deserializer<T> apicurio) {
    this.apicurio = apicurio;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    try {
      return apicurio.deserialize(topic, data);
    } catch (RestClientException e) {
      Integer status = e.getError() == null ? null : e.getError().getErrorCode();
      if (status == null || status >= 500) {
        String what = e.getError() == null ? String.valueOf(e) : e.getError().getName() + " " + e.getError().getMessage();
        throw new RegistryUnavailableException("the schema registry did not answer (" + what + ")", e);
      }
      throw e;
    }
  }

  @Override
  public void close() {
    apicurio.close();
  }
}
