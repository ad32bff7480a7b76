package dev.tasktrail.projector;

import dev.tasktrail.testing.RequiredSettingsContract;

class RequiredSettingsIT extends RequiredSettingsContract {
}
