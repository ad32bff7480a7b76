package dev.tasktrail.dashboard.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * quarkus-oidc's bearer-token authentication, extended the documented way (an alternative
 * {@link HttpAuthenticationMechanism} delegating to the OIDC one) with two things the dashboard needs:
 * <ul>
 *   <li>the token may come as the {@value #TOKEN_QUERY_PARAMETER} query parameter when there is no
 *       {@code Authorization} header, because browsers' EventSource cannot set headers (SPEC §5). The token is
 *       handed to the OIDC mechanism as the bearer header it expects, so verification is exactly the same;</li>
 *   <li>a failed authentication answers 401 {@code {"error":"dashboard_unauthorized"}} instead of an empty body.</li>
 * </ul>
 * The access log prints the path only, so a query token never reaches a log (see {@code application.properties}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class DashboardAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String TOKEN_QUERY_PARAMETER = "authToken";
    /** The body of every 401 of the dashboard. */
    public static final String UNAUTHORIZED_BODY = "{\"error\":\"dashboard_unauthorized\"}";

    private static final String BEARER_PREFIX = "Bearer ";

    @Inject
    OidcAuthenticationMechanism oidc;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        HttpServerRequest request = context.request();
        if (request.getHeader(HttpHeaderNames.AUTHORIZATION) == null) {
            String queryToken = request.getParam(TOKEN_QUERY_PARAMETER);
            if (queryToken != null && !queryToken.isBlank()) {
                request.headers().set(HttpHeaderNames.AUTHORIZATION, BEARER_PREFIX + queryToken.strip());
            }
        }
        return oidc.authenticate(context, identityProviderManager);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (!response.ended()) {
            response.setStatusCode(HttpResponseStatus.UNAUTHORIZED.code())
                    .putHeader(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer")
                    .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .end(UNAUTHORIZED_BODY);
        }
        return Uni.createFrom().item(Boolean.TRUE);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return oidc.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return oidc.getPriority();
    }
}
