package io.matchstream.gateway.auth;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A request whose body is read once, up front: the signature covers it and the controller reads it again. */
public final class BufferedRequest extends HttpServletRequestWrapper {
  public static final int MAX_BODY = 64 * 1024;
  private final byte[] body;
  private final boolean tooLarge;

  public BufferedRequest(HttpServletRequest request) throws IOException {
    super(request);
    // one byte past the limit tells a body without Content-Length (chunked) that is too large
    byte[] read = request.getInputStream().readNBytes(MAX_BODY + 1);
    tooLarge = read.length > MAX_BODY;
    body = tooLarge ? new byte[0] : read;
  }

  public boolean tooLarge() {
    return tooLarge;
  }

  public String body() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public ServletInputStream getInputStream() {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public int read() {
        return in.read();
      }

      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("blocking reads only");
      }
    };
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
  }
}
