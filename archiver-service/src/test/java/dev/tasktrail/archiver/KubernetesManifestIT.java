package dev.tasktrail.archiver;

import dev.tasktrail.testing.deploy.KubernetesManifestContract;

/** deploy/k8s/archiver-service.yml is what this build generates (regenerate with deploy/k8s/generate.sh). */
class KubernetesManifestIT extends KubernetesManifestContract {
}
