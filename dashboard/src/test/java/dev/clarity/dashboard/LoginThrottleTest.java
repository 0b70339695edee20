package dev.clarity.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.auth.LoginThrottle;
import dev.clarity.dashboard.auth.SignInAdmission;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sign-in budgets against the real database, with a clock the test moves (no waiting): parallel attempts
 * never get past the budget, guessing is slowed rather than locked out, and a stranger cannot lock out a person
 * whose own address has not been failing.
 */
class LoginThrottleTest {
    private final TestDashboard d = TestDashboard.shared();
    private final ManualClock clock = new ManualClock(Instant.parse("2100-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(d.database.dsl(), clock, LoginThrottle.Limits.defaults());
    private final String login = "someone-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void forty_parallel_attempts_against_a_budget_of_five_admit_exactly_five() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SignInAdmission>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return throttle.admit(login, "10.0.0.1");
                }));
            }
            go.countDown();
            int admitted = 0;
            for (Future<SignInAdmission> f : answers) {
                if (f.get(30, TimeUnit.SECONDS) instanceof SignInAdmission.Admitted) {
                    admitted++;
                }
            }
            assertThat(admitted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void after_the_burst_a_guesser_gets_one_attempt_a_minute_and_is_told_how_long_to_wait() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit(login, "10.0.0.2")).isInstanceOf(SignInAdmission.Admitted.class);
        }
        SignInAdmission refused = throttle.admit(login, "10.0.0.2");
        assertThat(refused).isInstanceOf(SignInAdmission.Refused.class);
        assertThat(((SignInAdmission.Refused) refused).seconds()).isEqualTo(60);
        assertThat(((SignInAdmission.Refused) refused).message())
                .isEqualTo("Too many sign-in attempts: wait 60 s and try again.");

        clock.advance(Duration.ofSeconds(45));
        assertThat(((SignInAdmission.Refused) throttle.admit(login, "10.0.0.2")).seconds())
                .isEqualTo(15);
        clock.advance(Duration.ofSeconds(15));
        assertThat(throttle.admit(login, "10.0.0.2")).isInstanceOf(SignInAdmission.Admitted.class);
        assertThat(throttle.admit(login, "10.0.0.2")).isInstanceOf(SignInAdmission.Refused.class);
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit(login, "10.0.0.2")).isInstanceOf(SignInAdmission.Admitted.class);
        }
    }

    @Test
    void a_stranger_hammering_a_login_from_one_address_does_not_keep_its_owner_out() {
        for (int i = 0; i < 500; i++) {
            throttle.admit(login, "203.0.113.66");
            clock.advance(Duration.ofSeconds(1));
        }
        SignInAdmission owner = throttle.admit(login, "198.51.100.7");
        assertThat(owner).isInstanceOf(SignInAdmission.Admitted.class);
    }

    @Test
    void a_stranger_with_many_addresses_exhausts_the_login_but_an_address_with_a_clean_record_still_gets_in() {
        int admittedToStrangers = 0;
        for (int address = 1; address <= 60; address++) {
            for (int i = 0; i < 5; i++) {
                if (throttle.admit(login, "192.0.2." + address) instanceof SignInAdmission.Admitted) {
                    admittedToStrangers++;
                }
            }
        }
        assertThat(admittedToStrangers)
                .as("the login's budget of 100, then one per clean address")
                .isEqualTo(140);
        assertThat(throttle.admit(login, "192.0.2.1"))
                .as("an address that has been failing waits")
                .isInstanceOf(SignInAdmission.Refused.class);

        SignInAdmission owner = throttle.admit(login, "198.51.100.8");
        assertThat(owner).isInstanceOf(SignInAdmission.Admitted.class);
        throttle.succeeded((SignInAdmission.Admitted) owner);
        assertThat(throttle.admit(login, "198.51.100.8"))
                .as("after a success the owner's address has a clean record again")
                .isInstanceOf(SignInAdmission.Admitted.class);
    }

    @Test
    void one_address_trying_many_logins_is_slowed_after_fifty() {
        String address = "10.9.9.9";
        for (int i = 0; i < 50; i++) {
            assertThat(throttle.admit(login + "-" + i, address)).isInstanceOf(SignInAdmission.Admitted.class);
        }
        SignInAdmission refused = throttle.admit(login + "-50", address);
        assertThat(refused).isInstanceOf(SignInAdmission.Refused.class);
        assertThat(((SignInAdmission.Refused) refused).seconds()).isEqualTo(6);
        clock.advance(Duration.ofSeconds(6));
        assertThat(throttle.admit(login + "-50", address)).isInstanceOf(SignInAdmission.Admitted.class);
    }

    @Test
    void a_success_gives_the_tokens_back() {
        for (int i = 0; i < 4; i++) {
            throttle.admit(login, "10.0.0.3");
        }
        SignInAdmission right = throttle.admit(login, "10.0.0.3");
        throttle.succeeded((SignInAdmission.Admitted) right);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit(login, "10.0.0.3")).isInstanceOf(SignInAdmission.Admitted.class);
        }
    }

    /** A clock that moves only when told. */
    static final class ManualClock implements InstantSource {
        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
