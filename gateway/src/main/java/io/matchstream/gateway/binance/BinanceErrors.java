package io.matchstream.gateway.binance;

import io.matchstream.gateway.admin.AdminController;
import io.matchstream.gateway.commands.CommandSender;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The Binance endpoints' and the admin API's refusals and failures as Binance answers them: {@code {"code", "msg"}}. */
@RestControllerAdvice(basePackageClasses = {BinanceErrors.class, AdminController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BinanceErrors {
  @ExceptionHandler(BinanceError.class)
  ResponseEntity<Object> refused(BinanceError e) {
    return error(e.status(), e.code(), e.getMessage());
  }

  @ExceptionHandler(CommandSender.UnreadableCommand.class)
  ResponseEntity<Object> unreadable(CommandSender.UnreadableCommand e) {
    return error(400, -1100, "The exchange cannot read this request: " + e.getMessage());
  }

  /** The broker did not take the command in time: nothing was placed, the client may retry. */
  @ExceptionHandler({java.util.concurrent.TimeoutException.class, java.util.concurrent.ExecutionException.class,
      org.apache.kafka.common.KafkaException.class})
  ResponseEntity<Object> unavailable(Exception e) {
    return error(503, -1001, "Internal error; unable to process your request. Please try again.");
  }

  private static ResponseEntity<Object> error(int status, int code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("msg", message);
    return ResponseEntity.status(status).body(body);
  }
}
