package dev.tasktrail.publisher;

import dev.tasktrail.testing.deploy.KubernetesManifestContract;

/** deploy/k8s/task-publisher.yml is what this build generates (regenerate with deploy/k8s/generate.sh). */
class KubernetesManifestIT extends KubernetesManifestContract {
}
