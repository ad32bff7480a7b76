package dev.tasktrail.archiver;

import dev.tasktrail.testing.RequiredSettingsContract;

class RequiredSettingsIT extends RequiredSettingsContract {
}
