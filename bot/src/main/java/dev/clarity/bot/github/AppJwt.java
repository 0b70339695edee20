package dev.clarity.bot.github;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The JSON Web Token that authenticates the App itself (RS256, {@code iss} = App id). {@code iat} is 60 seconds in
 * the past to absorb clock drift, {@code exp} nine minutes ahead (GitHub refuses more than ten). Thread-safe.
 */
public final class AppJwt {
    static final Duration BACKDATE = Duration.ofSeconds(60);
    static final Duration LIFETIME = Duration.ofMinutes(9);

    private final long appId;
    private final Algorithm algorithm;
    private final InstantSource clock;

    public AppJwt(long appId, RSAPrivateKey key, InstantSource clock) {
        this.appId = appId;
        this.algorithm = Algorithm.RSA256(null, key);
        this.clock = clock;
    }

    public String mint() {
        Instant now = clock.instant();
        return JWT.create()
                .withIssuer(Long.toString(appId))
                .withIssuedAt(now.minus(BACKDATE))
                .withExpiresAt(now.plus(LIFETIME))
                .sign(algorithm);
    }
}
