package dev.tasktrail.publisher;

import dev.tasktrail.testing.RequiredSettingsContract;

class RequiredSettingsIT extends RequiredSettingsContract {
}
