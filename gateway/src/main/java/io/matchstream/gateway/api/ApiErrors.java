package io.matchstream.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring's own refusals (no such path, wrong method or media type) as {@code {"code": status,
 * "msg": why}}, the shape of Binance's errors; the Binance endpoints' own are {@code BinanceErrors}'.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    Map<String, Object> refusal = new LinkedHashMap<>();
    refusal.put("code", status.value());
    refusal.put("msg", e.getMessage());
    return ResponseEntity.status(status).headers(headers).body(refusal);
  }
}
