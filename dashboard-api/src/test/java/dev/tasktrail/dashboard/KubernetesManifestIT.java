package dev.tasktrail.dashboard;

import dev.tasktrail.testing.deploy.KubernetesManifestContract;

/** deploy/k8s/dashboard-api.yml is what this build generates (regenerate with deploy/k8s/generate.sh). */
class KubernetesManifestIT extends KubernetesManifestContract {
}
