package dev.tasktrail.publisher;

import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.ServiceHealthContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class HealthTest extends ServiceHealthContract {
}
