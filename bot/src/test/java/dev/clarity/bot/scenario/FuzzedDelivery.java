package dev.clarity.bot.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarity.bot.app.Json;
import dev.clarity.bot.webhook.WebhookSignature;
import dev.clarity.testkit.github.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * One webhook request as raw HTTP/1.1 bytes, made from a recorded delivery and then mutated at random: its body
 * (truncated, NULs, lone surrogates, bytes that are not UTF-8, deep nesting, huge strings, wrong types, not JSON) and
 * its headers (missing, huge, control characters, non-ASCII, wrong signature formats, wrong content types and
 * lengths). The same {@code seed} always gives the same request; {@link #description} says what was done. Longer
 * than a class should be: it is the table of mutations, one short method per kind, kept in one place to read.
 */
record FuzzedDelivery(String description, byte[] request, boolean closeOutputAfterSending) {
    private static final ObjectMapper JSON = Json.mapper();
    private static final String[][] FIXTURES = {
        {"issue_comment.created.json", "issue_comment"},
        {"issue_comment.created.with-installation.json", "issue_comment"},
        {"issue_comment.edited.json", "issue_comment"},
        {"installation.created.json", "installation"},
        {"installation_repositories.added.json", "installation_repositories"},
        {"check_run.rerequested.json", "check_run"},
        {"pull_request.closed.json", "pull_request"},
        {"push.json", "push"},
        {"push.with-installation.json", "push"},
        {"push.with-new-branch.json", "push"},
        {"ping.json", "ping"},
        {"ping.with-app_id.json", "ping"},
    };

    static FuzzedDelivery make(long seed, String secret, List<String> earlierIds) {
        Random random = new Random(seed);
        String[] fixture = FIXTURES[random.nextInt(FIXTURES.length)];
        List<String> done = new ArrayList<>();
        done.add(fixture[0]);
        byte[] body = body(random, Fixtures.webhook(fixture[0]), done);
        List<String> headers = new ArrayList<>();
        header(headers, "X-GitHub-Event", event(random, fixture[1], done));
        String id = delivery(random, earlierIds, done);
        header(headers, "X-GitHub-Delivery", id);
        header(headers, "X-Hub-Signature-256", signature(random, secret, body, done));
        header(headers, "Content-Type", contentType(random, done));
        header(headers, "User-Agent", "GitHub-Hookshot/fuzz");
        extraHeaders(random, headers, done);
        var request = new ByteArrayOutputStream();
        boolean closeOutput = framing(random, headers, body, request, done);
        if (id != null && random.nextInt(10) == 0) {
            synchronized (earlierIds) {
                earlierIds.add(id);
            }
        }
        return new FuzzedDelivery(String.join(", ", done), request.toByteArray(), closeOutput);
    }

    private static void header(List<String> headers, String name, String value) {
        if (value != null) {
            headers.add(name + ": " + value);
        }
    }

    // ---- body --------------------------------------------------------------------------------------------------

    private static byte[] body(Random random, byte[] recorded, List<String> done) {
        int kind = random.nextInt(20);
        if (kind < 6) {
            return recorded;
        }
        String text = new String(recorded, StandardCharsets.UTF_8);
        return switch (kind) {
            case 6 -> note(done, "truncated", java.util.Arrays.copyOf(recorded, random.nextInt(recorded.length)));
            case 7 -> note(done, "bytes replaced", flip(random, recorded));
            case 8 -> note(done, "\\u0000 in a string", intoString(random, text, "\\u0000"));
            case 9 -> note(done, "a raw NUL byte", insert(random, recorded, new byte[] {0}));
            case 10 ->
                note(
                        done,
                        "a lone surrogate escape",
                        intoString(random, text, random.nextBoolean() ? "\\ud800" : "\\udfff"));
            case 11 -> note(done, "bytes that are not UTF-8", insertIntoString(random, recorded, notUtf8(random)));
            case 12 -> note(done, "deep nesting", deep(random));
            case 13 -> note(done, "a huge string", huge(random));
            case 14 -> note(done, "wrong types", wrongTypes(random, recorded));
            case 15 -> note(done, "not an object", notAnObject(random));
            case 16 -> note(done, "content after the object", concat(recorded, " {}".getBytes(StandardCharsets.UTF_8)));
            case 17 ->
                note(done, "a byte-order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, recorded));
            case 18 -> note(done, "odd numbers", oddNumbers(random));
            default -> note(done, "random bytes", randomBytes(random, random.nextInt(4000)));
        };
    }

    private static byte[] note(List<String> done, String what, byte[] body) {
        done.add(what);
        return body;
    }

    private static byte[] flip(Random random, byte[] recorded) {
        byte[] copy = recorded.clone();
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    /** {@code inserted} right after the opening quote of a random string value. */
    private static byte[] intoString(Random random, String text, String inserted) {
        List<Integer> starts = new ArrayList<>();
        for (int i = text.indexOf(": \""); i >= 0; i = text.indexOf(": \"", i + 1)) {
            starts.add(i + 3);
        }
        for (int i = text.indexOf(":\""); i >= 0; i = text.indexOf(":\"", i + 1)) {
            starts.add(i + 2);
        }
        int at = starts.isEmpty() ? 0 : starts.get(random.nextInt(starts.size()));
        return (text.substring(0, at) + inserted + text.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] insertIntoString(Random random, byte[] recorded, byte[] inserted) {
        String text = new String(recorded, StandardCharsets.UTF_8);
        int at = text.indexOf(": \"");
        int index = at < 0
                ? random.nextInt(recorded.length)
                : text.substring(0, at + 3).getBytes(StandardCharsets.UTF_8).length;
        byte[] out = new byte[recorded.length + inserted.length];
        System.arraycopy(recorded, 0, out, 0, index);
        System.arraycopy(inserted, 0, out, index, inserted.length);
        System.arraycopy(recorded, index, out, index + inserted.length, recorded.length - index);
        return out;
    }

    private static byte[] insert(Random random, byte[] recorded, byte[] inserted) {
        return insertAt(recorded, random.nextInt(recorded.length + 1), inserted);
    }

    private static byte[] insertAt(byte[] recorded, int index, byte[] inserted) {
        byte[] out = new byte[recorded.length + inserted.length];
        System.arraycopy(recorded, 0, out, 0, index);
        System.arraycopy(inserted, 0, out, index, inserted.length);
        System.arraycopy(recorded, index, out, index + inserted.length, recorded.length - index);
        return out;
    }

    private static byte[] notUtf8(Random random) {
        byte[][] choices = {
            {(byte) 0xFF},
            {(byte) 0xC3, 0x28},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] deep(Random random) {
        int depth = 10 + random.nextInt(random.nextBoolean() ? 2_000 : 50_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return ("{\"action\":\"created\",\"deep\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] huge(Random random) {
        int length = 100_000 + random.nextInt(3_000_000);
        String field = random.nextBoolean() ? "action" : "comment\":{\"body";
        String end = field.equals("action") ? "\"}" : "\"}}";
        return ("{\"" + field + "\":\"" + "a".repeat(length) + end).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrongTypes(Random random, byte[] recorded) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(recorded);
            String field = List.of("action", "installation", "repository", "comment", "sender", "hook_id")
                    .get(random.nextInt(6));
            switch (random.nextInt(7)) {
                case 0 -> tree.put(field, 123456789012345L);
                case 1 -> tree.putArray(field).add(1).add("two");
                case 2 -> tree.putNull(field);
                case 3 -> tree.put(field, true);
                case 4 ->
                    tree.putObject(field)
                            .put("id", "not a number")
                            .put("full_name", 42)
                            .put("body", 7);
                case 5 -> tree.putObject(field).put("id", 1.5e300).putArray("full_name");
                default -> tree.put(field, "x".repeat(random.nextInt(10_000)));
            }
            return JSON.writeValueAsBytes(tree);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] notAnObject(Random random) {
        String[] choices = {"", "null", "[]", "[{}]", "42", "\"text\"", "true", " ", "{", "}", "{}"};
        return choices[random.nextInt(choices.length)].getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] oddNumbers(Random random) {
        String[] choices = {
            "{\"installation\":{\"id\":99999999999999999999999999}}",
            "{\"installation\":{\"id\":-1}}",
            "{\"installation\":{\"id\":1e999999}}",
            "{\"installation\":{\"id\":-0.0}}",
            "{\"action\":\"created\",\"n\":" + "9".repeat(2000) + "}",
            "{\"action\":\"created\",\"n\":NaN}",
            "{\"action\":\"created\",\"action\":\"deleted\"}"
        };
        return choices[random.nextInt(choices.length)].getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return insertAt(a, a.length, b);
    }

    // ---- headers -----------------------------------------------------------------------------------------------

    private static String event(Random random, String event, List<String> done) {
        int kind = random.nextInt(24);
        if (kind < 14) {
            return event;
        }
        done.add("event mutated");
        return switch (kind) {
            case 14 -> null;
            case 15 -> "";
            case 16 -> "nonsense";
            case 17 -> random.nextBoolean() ? "star" : "workflow_run";
            case 18 -> "e".repeat(3000);
            case 19 -> event + "\u0001";
            case 20 -> "issue_comm\u00e9nt";
            case 21 -> event.toUpperCase(Locale.ROOT);
            case 22 -> event + "\u007f";
            default -> "\t" + event + "\t";
        };
    }

    private static String delivery(Random random, List<String> earlier, List<String> done) {
        int kind = random.nextInt(24);
        if (kind < 14) {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
        done.add("delivery mutated");
        return switch (kind) {
            case 14 -> null;
            case 15 -> "";
            case 16 -> "x".repeat(3000);
            case 17 -> new UUID(random.nextLong(), random.nextLong()) + "\u0002";
            case 18 -> "d\u00e9livery-\u4e2d";
            case 19 -> new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase(Locale.ROOT);
            case 20 -> "{" + new UUID(random.nextLong(), random.nextLong()) + "}";
            case 21 -> "'; drop table webhook_deliveries; --";
            case 22 -> HexFormat.of().formatHex(randomBytes(random, 32));
            default -> {
                synchronized (earlier) {
                    yield earlier.isEmpty() ? null : earlier.get(random.nextInt(earlier.size()));
                }
            }
        };
    }

    private static String signature(Random random, String secret, byte[] body, List<String> done) {
        String right = new WebhookSignature(secret).sign(body);
        int kind = random.nextInt(20);
        if (kind < 12) {
            return right;
        }
        done.add("signature mutated");
        return switch (kind) {
            case 12 -> null;
            case 13 -> new WebhookSignature("not the secret").sign(body);
            case 14 -> "sha256=";
            case 15 -> right.replace("sha256=", "sha1=");
            case 16 -> "sha256=" + right.substring(7).toUpperCase(Locale.ROOT);
            case 17 -> "SHA256=" + right.substring(7);
            case 18 -> "sha256=" + "z".repeat(64);
            default -> "sha256=" + "0".repeat(5000);
        };
    }

    private static String contentType(Random random, List<String> done) {
        int kind = random.nextInt(14);
        if (kind < 8) {
            return "application/json";
        }
        done.add("content type mutated");
        return switch (kind) {
            case 8 -> null;
            case 9 -> "text/plain";
            case 10 -> "application/x-www-form-urlencoded";
            case 11 -> "multipart/form-data; boundary=xyz";
            case 12 -> "application/json; charset=iso-8859-1";
            default -> "\u0001/\u00ff";
        };
    }

    private static void extraHeaders(Random random, List<String> headers, List<String> done) {
        switch (random.nextInt(30)) {
            case 0 -> {
                done.add("a 20 KB header");
                headers.add("X-Padding: " + "p".repeat(20_000));
            }
            case 1 -> {
                done.add("200 headers");
                for (int i = 0; i < 200; i++) {
                    headers.add("X-Many-" + i + ": " + i);
                }
            }
            case 2 -> {
                done.add("a header name that is not a token");
                headers.add("X Bad(Name): value");
            }
            case 3 -> {
                done.add("a second, different event header");
                headers.add("X-GitHub-Event: push");
            }
            default -> {}
        }
    }

    // ---- framing -----------------------------------------------------------------------------------------------

    /** Writes the request; true when the sender should close its output after it (a body shorter than declared). */
    private static boolean framing(
            Random random, List<String> headers, byte[] body, ByteArrayOutputStream out, List<String> done) {
        int kind = random.nextInt(20);
        List<String> lines = new ArrayList<>(headers);
        boolean chunked = false;
        boolean closeOutput = false;
        switch (kind) {
            case 12 -> {
                done.add("chunked");
                lines.add("Transfer-Encoding: chunked");
                chunked = true;
            }
            case 13 -> {
                done.add("Content-Length too small");
                lines.add("Content-Length: " + random.nextInt(Math.max(1, body.length)));
            }
            case 14 -> {
                done.add("Content-Length too large");
                lines.add("Content-Length: " + (body.length + 1 + random.nextInt(1000)));
                closeOutput = true;
            }
            case 15 -> {
                done.add("Content-Length -1");
                lines.add("Content-Length: -1");
            }
            case 16 -> {
                done.add("Content-Length abc");
                lines.add("Content-Length: abc");
            }
            case 17 -> {
                done.add("Content-Length 2^70");
                lines.add("Content-Length: 1180591620717411303424");
            }
            case 18 -> {
                done.add("two Content-Lengths");
                lines.add("Content-Length: " + body.length);
                lines.add("Content-Length: " + (body.length + 5));
            }
            case 19 -> {
                done.add("Content-Length and chunked");
                lines.add("Content-Length: " + body.length);
                lines.add("Transfer-Encoding: chunked");
                chunked = true;
            }
            default -> lines.add("Content-Length: " + body.length);
        }
        StringBuilder head =
                new StringBuilder("POST /webhooks/github HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        lines.forEach(l -> head.append(l).append("\r\n"));
        head.append("\r\n");
        // header values go out as UTF-8, so non-ASCII and control characters reach the server as they are
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (chunked) {
            int at = 0;
            while (at < body.length) {
                int n = Math.min(body.length - at, 1 + random.nextInt(8192));
                out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, n);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                at += n;
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.writeBytes(body);
        }
        return closeOutput;
    }
}
