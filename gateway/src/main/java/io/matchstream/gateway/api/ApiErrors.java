package io.matchstream.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal as {@code {"code": status, "msg": why}}, the way Binance answers errors, Spring's
 * own (no such path, wrong method or media type, missing parameter) included.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {
  @ExceptionHandler(BadRequest.class)
  ResponseEntity<Object> bad(BadRequest e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(io.matchstream.gateway.commands.CommandSender.UnreadableCommand.class)
  ResponseEntity<Object> unreadableCommand(io.matchstream.gateway.commands.CommandSender.UnreadableCommand e) {
    return error(HttpStatus.BAD_REQUEST, "the exchange cannot read this request: " + e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> mismatch(MethodArgumentTypeMismatchException e) {
    return error(HttpStatus.BAD_REQUEST, e.getName() + " has a bad value");
  }

  /** The broker did not take the command in time: nothing was placed, the client may retry. */
  @ExceptionHandler({java.util.concurrent.TimeoutException.class, java.util.concurrent.ExecutionException.class,
      org.apache.kafka.common.KafkaException.class})
  ResponseEntity<Object> unavailable(Exception e) {
    return error(HttpStatus.SERVICE_UNAVAILABLE, "the exchange did not take the command: " + e.getMessage());
  }

  @ExceptionHandler(OrderController.ResultTimeout.class)
  ResponseEntity<Object> resultTimeout(OrderController.ResultTimeout e) {
    Map<String, Object> body = body(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    body.put("orderId", e.orderId());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
  }

  @ExceptionHandler(OrderController.Forbidden.class)
  ResponseEntity<Object> forbidden(OrderController.Forbidden e) {
    return error(HttpStatus.FORBIDDEN, e.getMessage());
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String why;
    if (e instanceof HttpMessageNotReadableException unreadable) {
      why = unreadable.getMostSpecificCause()
          instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown
          ? "unknown field '" + unknown.getPropertyName() + "'" : "malformed JSON body";
    } else if (e instanceof MissingServletRequestParameterException missing) {
      why = missing.getParameterName() + " is required";
    } else {
      why = e.getMessage();
    }
    return ResponseEntity.status(status).headers(headers).body(body(status, why));
  }

  private static ResponseEntity<Object> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(body(status, message));
  }

  private static Map<String, Object> body(HttpStatusCode status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status.value());
    body.put("msg", message);
    return body;
  }
}
