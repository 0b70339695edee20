package dev.clarity.runner.http;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a request whose declared {@code Content-Length} is over the limit before a byte of its body is read: 413
 * with a JSON sentence naming both sizes, and the connection closed (the body is never read). A body of unknown
 * length is left to Jetty's {@link org.eclipse.jetty.server.handler.SizeLimitHandler}, which fails its reading.
 */
final class DeclaredSizeLimit extends Handler.Wrapper {
    private final long max;

    DeclaredSizeLimit(long max) {
        this.max = max;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        if (declared <= max) {
            return super.handle(request, response, callback);
        }
        String body = "{\"error\":\"the request body is " + declared + " bytes; the runner takes at most " + max
                + "\",\"field\":\"(body)\"}";
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE_413);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, StandardCharsets.UTF_8.encode(body), callback);
        return true;
    }
}
