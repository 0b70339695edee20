package dev.clarity.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.clarity.dashboard.browser.Chromium;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.StartRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard at ordinary laptop widths in Debian's chromium: no grid column is cut off at 1280 or 1400 px, every
 * status emoji has its word beside it, notices can be dismissed and stay dismissed, times read as local times.
 * Screenshots go to target/screenshots (layout-*.png).
 */
class DashboardLayoutBrowserTest {
    /**
     * For the grid's table: its container's visible box (client width, scroll width) and every header cell's box, so
     * a column that sticks out of the panel, or hides behind a scroll bar, is seen.
     */
    private static final String COLUMNS = """
            () => {
              const table = document.querySelector('#executions');
              const panel = document.querySelector('#center');
              const p = panel.getBoundingClientRect();
              const wraps = [panel, ...panel.querySelectorAll('.table-wrap')];
              return {
                visibleLeft: p.left + panel.clientLeft,
                visibleRight: p.left + panel.clientLeft + panel.clientWidth,
                overflowing: wraps.filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.id || w.className),
                pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
                headers: [...table.querySelectorAll('thead th')].map(th => {
                  const r = th.getBoundingClientRect();
                  return th.textContent.trim() + ':' + Math.floor(r.left) + ':' + Math.ceil(r.right);
                })
              };
            }""";

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private final TestDashboard d = TestDashboard.shared();

    @Test
    void no_grid_column_is_cut_off_at_1280_or_1400_pixels_with_an_execution_open() {
        // 1700: the widest screens show the detail beside the grid, which leaves the grid the least room
        for (int width : new int[] {1280, 1400, 1700}) {
            try (BrowserContext context = chromium.context(width, 900)) {
                Page page = context.newPage();
                signIn(page, "tom");
                page.navigate(d.url("/executions/" + d.acmeExecution));
                assertThat(page.locator("#executions thead th")).hasCount(6);
                assertThat(page.locator("#detail")).isVisible();
                Chromium.shot(page, "layout-grid-" + width);

                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) page.evaluate(COLUMNS);
                double left = ((Number) m.get("visibleLeft")).doubleValue();
                double right = ((Number) m.get("visibleRight")).doubleValue();
                List<String> clipped = new ArrayList<>();
                for (Object h : (List<?>) m.get("headers")) {
                    String[] parts = h.toString().split(":");
                    if (Double.parseDouble(parts[1]) < left - 1 || Double.parseDouble(parts[2]) > right + 1) {
                        clipped.add(h + " (panel " + left + ".." + right + ")");
                    }
                }
                Assertions.assertThat(clipped)
                        .as("grid columns outside the visible panel at %d px", width)
                        .isEmpty();
                Assertions.assertThat((List<?>) m.get("overflowing"))
                        .as("containers that scroll sideways at %d px", width)
                        .isEmpty();
                Assertions.assertThat(((Number) m.get("pageOverflow")).intValue())
                        .as("the page scrolls sideways at %d px", width)
                        .isLessThanOrEqualTo(0);
            }
        }
    }

    @Test
    void every_status_emoji_has_its_word_beside_it() {
        try (BrowserContext context = chromium.context(1280, 900)) {
            Page page = context.newPage();
            signIn(page, "tom");
            page.navigate(d.url("/executions/" + d.acmeExecution));
            assertThat(page.locator("#executions td.badge").first()).isVisible();

            int badges = page.locator("#executions td.badge").count();
            assertThat(page.locator("#executions td.badge .status-label")).hasCount(badges);
            Object bare = page.evaluate("() => [...document.querySelectorAll('.emoji')]"
                    + ".filter(e => e.parentElement.textContent.replace(e.textContent, '').trim() === '').length");
            Assertions.assertThat(((Number) bare).intValue())
                    .as("emoji with no text beside them")
                    .isZero();
        }
    }

    @Test
    void notices_are_dismissed_one_by_one_or_all_at_once_and_stay_dismissed_after_a_reload() {
        d.account("nils", "team_member", null);
        for (int i = 0; i < 5; i++) {
            long project = TestDashboard.project(d.database.dsl(), d.acme, "Notice " + i, "acme/notice-" + i);
            TestDashboard.member(d.database.dsl(), "nils", project); // notices of their projects only
            long id = ((ControlOutcome.Accepted) d.controls.start(
                            new StartRequest(project, new Actor("root", "cli"), null, null, null, null, null)))
                    .executionId();
            d.controls.badge(id, "COMPLETED");
        }
        try (BrowserContext context = chromium.context(1280, 900)) {
            Page page = context.newPage();
            signIn(page, "nils");
            page.navigate(d.url("/history"));
            var chips = page.locator("#toasts .toast[data-execution]");
            assertThat(chips).hasCount(3);
            assertThat(page.locator("#toasts .toast-more")).containsText("more");
            Chromium.shot(page, "layout-notices");

            String first = chips.first().getAttribute("data-execution");
            htmxReady(page);
            chips.first().locator("button.dismiss").click();
            assertThat(page.locator("#toasts .toast[data-execution='" + first + "']"))
                    .hasCount(0);
            page.reload();
            assertThat(chips).hasCount(3);
            assertThat(page.locator("#toasts .toast[data-execution='" + first + "']"))
                    .hasCount(0);

            htmxReady(page);
            page.click("#dismiss-all");
            assertThat(chips).hasCount(0);
            page.reload();
            assertThat(page.locator("h1")).hasText("History");
            assertThat(chips).hasCount(0);
        }
    }

    @Test
    void times_read_as_local_times_with_the_exact_moment_on_hover() {
        try (BrowserContext context = chromium.context(new Browser.NewContextOptions()
                .setViewportSize(1280, 900)
                .setLocale("en-GB")
                .setTimezoneId("Asia/Tokyo"))) {
            Page page = context.newPage();
            signIn(page, "tom");
            d.controls.badge(d.globexExecution, "COMPLETED");
            page.navigate(d.url("/notifications"));
            var time = page.locator("ul.notifications time").first();
            assertThat(time).hasAttribute("data-local", "yes");
            String text = time.textContent();
            Assertions.assertThat(text)
                    .doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT")
                    .doesNotContain("UTC");
            String datetime = time.getAttribute("datetime");
            String tokyo = java.time.Instant.parse(datetime)
                    .atZone(java.time.ZoneId.of("Asia/Tokyo"))
                    .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"));
            Assertions.assertThat(time.getAttribute("title"))
                    .as("the exact moment in the reader's zone, and as stored")
                    .contains(tokyo)
                    .contains(datetime);
            Assertions.assertThat(text).contains(tokyo.substring(0, 5));
            Chromium.shot(page, "layout-notifications");
        }
    }

    private void signIn(Page page, String login) {
        page.navigate(d.url("/login"));
        Chromium.signIn(page, login, d.passwords.get(login));
    }

    private static void htmxReady(Page page) {
        page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
    }
}
