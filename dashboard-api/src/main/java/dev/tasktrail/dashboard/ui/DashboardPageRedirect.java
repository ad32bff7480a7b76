package dev.tasktrail.dashboard.ui;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /dashboard/ui} redirects to {@code /dashboard/ui/}: the page's files are addressed relative to the
 * directory, and without the slash they would resolve one level up.
 */
@ApplicationScoped
class DashboardPageRedirect {

    static final String PAGE_WITHOUT_SLASH = "/dashboard/ui";

    void register(@Observes Router router) {
        router.route(HttpMethod.GET, PAGE_WITHOUT_SLASH).handler(context -> {
            if (context.request().path().equals(PAGE_WITHOUT_SLASH)) {
                // Relative, so it stays right behind a proxy that serves the service under a path prefix.
                context.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, "ui/").end();
            } else {
                context.next();
            }
        });
    }
}
