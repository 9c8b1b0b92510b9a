package io.matchstream.gateway;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class GatewayBeans {
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
