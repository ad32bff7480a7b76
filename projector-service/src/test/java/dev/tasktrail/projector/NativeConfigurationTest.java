package dev.tasktrail.projector;

import dev.tasktrail.testing.deploy.NativeConfigurationContract;

/** Resources and REST types of the built service are configured for a native executable. */
class NativeConfigurationTest extends NativeConfigurationContract {
}
