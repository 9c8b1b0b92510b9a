package io.matchstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The generated files of {@code k8s/base} are what {@link GeneratedManifests} makes of the code
 * now. With {@code -Dk8s.regenerate=true} the test writes them instead.
 */
class GeneratedManifestsTest {
  @Test
  void committedFilesAreWhatTheCodeGenerates() throws Exception {
    GeneratedManifests generated = new GeneratedManifests(Tools.REPO);
    boolean regenerate = Boolean.getBoolean("k8s.regenerate");
    for (var file : generated.render().entrySet()) {
      var path = generated.base().resolve(file.getKey());
      if (regenerate) {
        Files.writeString(path, file.getValue());
      }
      assertThat(Files.readString(path))
          .as("k8s/base/%s is out of date with the code: mvn -pl k8s -am test -Dk8s.regenerate=true", file.getKey())
          .isEqualTo(file.getValue());
    }
  }
}
