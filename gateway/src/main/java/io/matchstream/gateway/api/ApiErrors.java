package io.matchstream.gateway.api;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refusal as {@code {"code": status, "msg": why}}, the way Binance answers errors. */
@RestControllerAdvice
public class ApiErrors {
  @ExceptionHandler(BadRequest.class)
  ResponseEntity<Map<String, Object>> bad(BadRequest e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    String why = cause instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown
        ? "unknown field '" + unknown.getPropertyName() + "'" : "malformed JSON body";
    return error(HttpStatus.BAD_REQUEST, why);
  }

  @ExceptionHandler(org.springframework.web.bind.MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missing(org.springframework.web.bind.MissingServletRequestParameterException e) {
    return error(HttpStatus.BAD_REQUEST, e.getParameterName() + " is required");
  }

  /** The broker did not take the command in time: nothing was placed, the client may retry. */
  @ExceptionHandler({java.util.concurrent.TimeoutException.class, java.util.concurrent.ExecutionException.class,
      org.apache.kafka.common.KafkaException.class})
  ResponseEntity<Map<String, Object>> unavailable(Exception e) {
    return error(HttpStatus.SERVICE_UNAVAILABLE, "the exchange did not take the command: " + e.getMessage());
  }

  @ExceptionHandler(OrderController.Forbidden.class)
  ResponseEntity<Map<String, Object>> forbidden(OrderController.Forbidden e) {
    return error(HttpStatus.FORBIDDEN, e.getMessage());
  }

  private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("code", status.value(), "msg", message));
  }
}
