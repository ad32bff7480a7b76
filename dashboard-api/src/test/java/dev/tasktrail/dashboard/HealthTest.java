package dev.tasktrail.dashboard;

import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.ServiceHealthContract;
import dev.tasktrail.testing.auth.LocalOidcTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class HealthTest extends ServiceHealthContract {
}
