package dev.clarity.bot.autonomy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.testkit.autonomy.PlantedSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan the autonomy suite trusts to find leaks: it must not be blind. */
class SecretScanTest {
    final PlantedSecrets secrets = PlantedSecrets.generate(13);

    @Test
    void a_credential_in_a_file_of_any_pushed_branch_is_found_with_its_commit_and_path(@TempDir Path dir)
            throws Exception {
        Path work = dir.resolve("work");
        Path bare = dir.resolve("bare.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        try (Git g =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("README.md"), "clean\n");
            commit(g, "first");
            g.checkout().setCreateBranch(true).setName("task/1").call();
            Files.writeString(work.resolve("deploy.env"), "AWS_ACCESS_KEY_ID=" + secrets.awsKeyId() + "\n");
            commit(g, "second");
            g.push().setRemote(bare.toUri().toString()).setPushAll().call();
        }

        SecretScan scan = new SecretScan(secrets.needles());
        scan.pushed(bare);

        assertThat(scan.hits()).singleElement().asString().contains(": deploy.env holds AKIA");
    }

    @Test
    void a_private_key_line_in_an_event_is_found_and_clean_text_is_not() {
        SecretScan scan = new SecretScan(secrets.needles());
        scan.text("event log #1", "clean");
        scan.text("event log #2", "tool said " + secrets.privateKey());
        assertThat(scan.hits()).singleElement().asString().startsWith("event log #2");
    }

    private static void commit(Git g, String message) throws Exception {
        g.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("T", "t@example.com");
        g.commit()
                .setMessage(message)
                .setAuthor(who)
                .setCommitter(who)
                .setSign(false)
                .call();
    }
}
