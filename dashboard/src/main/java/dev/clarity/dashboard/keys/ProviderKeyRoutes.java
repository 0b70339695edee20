package dev.clarity.dashboard.keys;

import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /keys}, for admins only: the provider keys of customers and projects, masked; a form that sets or replaces
 * one, and a delete button per key. A refused key shows the form again (422) with the problem and without the key.
 * Without a secrets key ({@code store} empty) the page says that keys cannot be stored.
 */
public final class ProviderKeyRoutes {
    private final Guard guard;
    private final Optional<ProviderKeyStore> store;

    public ProviderKeyRoutes(Guard guard, Optional<ProviderKeyStore> store) {
        this.guard = guard;
        this.store = store;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/keys", guard.allow(Guard.ADMINS, (ctx, v) -> page(ctx, v, null, null, Map.of())));
        config.routes.post("/keys", guard.allow(Guard.ADMINS, this::set));
        config.routes.post("/keys/{id}/delete", guard.allow(Guard.ADMINS, (ctx, v) -> {
            ProviderKeyStore keys = available();
            long id;
            try {
                id = Long.parseLong(ctx.pathParam("id"));
            } catch (NumberFormatException e) {
                throw new NotFoundResponse("No such key.");
            }
            if (!keys.delete(id, v.login())) {
                throw new NotFoundResponse("No such key.");
            }
            ctx.redirect("/keys", HttpStatus.SEE_OTHER);
        }));
    }

    private void set(Context ctx, Viewer v) {
        ProviderKeyStore keys = available();
        Map<String, String> kept = new HashMap<>();
        String ownerValue = value(ctx, "owner");
        String providerValue = value(ctx, "provider");
        kept.put("owner", ownerValue);
        kept.put("provider", providerValue);
        Optional<KeyOwner> owner = KeyOwner.parse(ownerValue);
        Optional<Provider> provider = Provider.of(providerValue);
        KeyChange change = owner.isEmpty()
                ? new KeyChange.Refused("Choose a customer or a project.")
                : provider.isEmpty()
                        ? new KeyChange.Refused("Choose a provider: " + String.join(", ", Provider.spellings()) + ".")
                        : keys.set(owner.get(), provider.get(), ctx.formParam("key"), v.login());
        switch (change) {
            case KeyChange.Saved saved ->
                page(
                        ctx,
                        v,
                        (saved.replaced() ? "Replaced the " : "Stored the ")
                                + saved.key().provider().spelling() + " "
                                + saved.key().provider().secretName() + " of "
                                + saved.key().owner().label()
                                + " (" + saved.key().masked() + ").",
                        null,
                        Map.of());
            case KeyChange.Refused refused -> {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                page(ctx, v, null, refused.error(), kept);
            }
        }
    }

    private void page(Context ctx, Viewer v, String notice, String error, Map<String, String> kept) {
        Map<String, Object> model = new HashMap<>();
        model.put("chrome", new Chrome(v, "Provider keys", "keys", notice, error));
        model.put("available", store.isPresent());
        model.put("keys", store.map(ProviderKeyStore::list).orElse(java.util.List.of()));
        model.put("owners", store.map(ProviderKeyStore::owners).orElse(java.util.List.of()));
        model.put("providers", java.util.List.of(Provider.values()));
        model.put("chosenOwner", kept.getOrDefault("owner", ""));
        model.put("chosenProvider", kept.getOrDefault("provider", ""));
        ctx.render("keys.jte", model);
    }

    private ProviderKeyStore available() {
        return store.orElseThrow(
                () -> new NotFoundResponse(
                        "Provider keys cannot be stored: Clarity has no secrets key (CLARITY_SECRETS_KEY or the data directory)."));
    }

    private static String value(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v.strip();
    }
}
