package dev.clarity.bot.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppAuthenticationTest {
    private final ManualTime time = new ManualTime(Instant.parse("2026-01-10T12:00:00Z"));

    @ParameterizedTest
    @ValueSource(strings = {"pkcs1", "pkcs8"})
    void the_app_jwt_is_rs256_signed_with_iat_a_minute_back_and_exp_within_ten_minutes(String format) {
        String pem = format.equals("pkcs1") ? TestKeys.pkcs1() : TestKeys.pkcs8();
        String token = new AppJwt(4242, AppKey.fromPem(pem), time).mint();

        DecodedJWT jwt = JWT.require(Algorithm.RSA256((RSAPublicKey) TestKeys.PAIR.getPublic(), null))
                .acceptLeeway(Long.MAX_VALUE / 2000)
                .build()
                .verify(token);

        assertThat(jwt.getAlgorithm()).isEqualTo("RS256");
        assertThat(jwt.getIssuer()).isEqualTo("4242");
        assertThat(jwt.getIssuedAtAsInstant()).isEqualTo(time.instant().minusSeconds(60));
        assertThat(jwt.getExpiresAtAsInstant())
                .isAfter(time.instant())
                .isBeforeOrEqualTo(time.instant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void a_pem_without_a_key_is_refused_without_echoing_it() {
        assertThatThrownBy(() -> AppKey.fromPem("not a key at all, secret-ish"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret-ish");
    }

    @Test
    void installation_tokens_are_reused_until_five_minutes_before_they_expire() {
        AtomicInteger fetches = new AtomicInteger();
        InstallationTokens tokens = new InstallationTokens(
                id -> new InstallationToken(
                        "t" + fetches.incrementAndGet(), time.instant().plus(Duration.ofHours(1))),
                time,
                time);

        assertThat(tokens.get(7).token()).isEqualTo("t1");
        time.advance(Duration.ofMinutes(54));
        assertThat(tokens.get(7).token()).isEqualTo("t1");
        time.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(tokens.get(7).token()).isEqualTo("t2");
        assertThat(fetches).hasValue(2);
    }
}
