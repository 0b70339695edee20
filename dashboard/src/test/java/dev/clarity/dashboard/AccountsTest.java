package dev.clarity.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.dashboard.auth.Accounts;
import dev.clarity.dashboard.auth.PasswordHasher;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AccountsTest {
    private final TestDashboard d = TestDashboard.shared();
    private final Accounts accounts = d.feature.accounts();

    @Test
    void argon2id_hashes_verify_the_right_password_only_and_carry_their_parameters() {
        PasswordHasher h = new PasswordHasher(new SecureRandom(), 1024, 1);
        String hash = h.hash("correct horse");
        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(h.verify("correct horse", hash)).isTrue();
        assertThat(h.verify("correct horsf", hash)).isFalse();
        assertThat(h.verify("correct horse", "plain")).isFalse();
        assertThat(h.hash("correct horse")).isNotEqualTo(hash);
    }

    @Test
    void a_client_account_needs_an_existing_customer() {
        assertThat(accounts.add("lonely", "client", null))
                .isEqualTo(new AccountOutcome.Rejected("A client account needs --customer (the customer's slug)."));
        assertThat(accounts.add("lonely", "client", "nobody"))
                .isEqualTo(new AccountOutcome.Rejected("There is no customer \"nobody\"."));
        assertThat(accounts.add("lonely", "client", "acme")).isInstanceOf(AccountOutcome.Created.class);
    }

    @Test
    void unknown_roles_and_taken_logins_are_rejected_with_a_reason() {
        assertThat(accounts.add("someone", "boss", null))
                .isEqualTo(new AccountOutcome.Rejected(
                        "The role \"boss\" is unknown: use admin, manager, team_member or client."));
        assertThat(accounts.add("tom", "manager", null))
                .isEqualTo(new AccountOutcome.Rejected("The login \"tom\" is taken."));
    }

    @Test
    void the_first_admin_is_not_created_again_when_an_admin_exists() {
        assertThat(accounts.ensureFirstAdmin()).isEmpty();
        assertThat(accounts.list()).anySatisfy(a -> assertThat(a.login()).isEqualTo("root"));
    }

    @Test
    void a_new_password_works_and_the_old_one_no_longer_does() {
        AccountOutcome.Created c = (AccountOutcome.Created) accounts.add("resetme", "manager", null);
        AccountOutcome.Created reset = (AccountOutcome.Created) accounts.resetPassword(c.personId());
        assertThat(accounts.verify("resetme", c.oneTimePassword())).isEmpty();
        assertThat(accounts.verify("resetme", reset.oneTimePassword())).isPresent();
    }
}
