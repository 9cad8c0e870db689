import InfragenYAML

extension K8s {
    /// A `PodSpec`: the pod's identity, security context, spread, containers and volumes.
    struct PodSpec: YAMLObject, Sendable {
        var serviceAccountName: String
        var automountServiceAccountToken: Bool
        var enableServiceLinks: Bool
        var securityContext: PodSecurityContext
        var terminationGracePeriodSeconds: Int
        /// `Never` for a Job's pods (a failed pod stays for its logs and counts against the backoff limit); nil,
        /// that is `Always`, for a Deployment's or a StatefulSet's.
        var restartPolicy: String? = nil
        var topologySpreadConstraints: [TopologySpreadConstraint]?
        var initContainers: [Container]? = nil
        var containers: [Container]
        var volumes: [Volume]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("serviceAccountName", serviceAccountName)
            yaml.add("automountServiceAccountToken", automountServiceAccountToken)
            yaml.add("enableServiceLinks", enableServiceLinks)
            yaml.add("securityContext", securityContext)
            yaml.add("terminationGracePeriodSeconds", terminationGracePeriodSeconds)
            yaml.add("restartPolicy", restartPolicy)
            yaml.add("topologySpreadConstraints", topologySpreadConstraints)
            yaml.add("initContainers", initContainers)
            yaml.add("containers", containers)
            yaml.add("volumes", volumes)
        }
    }

    struct PodSecurityContext: YAMLObject, Sendable {
        var runAsNonRoot: Bool
        var runAsUser: Int
        var runAsGroup: Int
        var fsGroup: Int
        /// `OnRootMismatch` where a persistent volume is mounted: the kubelet changes the owner of every file only
        /// when the volume's root is not the pod's group yet, not at every start.
        var fsGroupChangePolicy: String? = nil
        var seccompProfile: SeccompProfile

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("runAsNonRoot", runAsNonRoot)
            yaml.add("runAsUser", runAsUser)
            yaml.add("runAsGroup", runAsGroup)
            yaml.add("fsGroup", fsGroup)
            yaml.add("fsGroupChangePolicy", fsGroupChangePolicy)
            yaml.add("seccompProfile", seccompProfile)
        }
    }

    struct SeccompProfile: YAMLObject, Sendable {
        var type: String

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("type", type)
        }
    }

    struct TopologySpreadConstraint: YAMLObject, Sendable {
        var maxSkew: Int
        var topologyKey: String
        var whenUnsatisfiable: String
        var labelSelector: LabelSelector
        var matchLabelKeys: [String]?

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("maxSkew", maxSkew)
            yaml.add("topologyKey", topologyKey)
            yaml.add("whenUnsatisfiable", whenUnsatisfiable)
            yaml.add("labelSelector", labelSelector)
            yaml.add("matchLabelKeys", matchLabelKeys)
        }
    }

    /// A `Volume`: one of its sources is set.
    struct Volume: YAMLObject, Sendable {
        var name: String
        var emptyDir: EmptyDirVolumeSource? = nil
        var configMap: ConfigMapVolumeSource? = nil
        var secret: SecretVolumeSource? = nil
        var persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil
        var projected: ProjectedVolumeSource? = nil

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("emptyDir", emptyDir)
            yaml.add("configMap", configMap)
            yaml.add("secret", secret)
            yaml.add("persistentVolumeClaim", persistentVolumeClaim)
            yaml.add("projected", projected)
        }
    }

    struct EmptyDirVolumeSource: YAMLObject, Sendable {
        var medium: String? = nil
        var sizeLimit: String

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("medium", medium)
            yaml.add("sizeLimit", sizeLimit)
        }
    }

    struct SecretVolumeSource: YAMLObject, Sendable {
        var secretName: String
        var items: [KeyToPath]
        /// 0440: read for the owner and the group, which is the pod's fsGroup (the container's group), no one else.
        var defaultMode = 0o440

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("secretName", secretName)
            yaml.add("items", items)
            yaml.add("defaultMode", defaultMode)
        }
    }

    struct PersistentVolumeClaimVolumeSource: YAMLObject, Sendable {
        var claimName: String

        func writeFields(to yaml: inout YAMLFields) { yaml.add("claimName", claimName) }
    }

    struct ProjectedVolumeSource: YAMLObject, Sendable {
        var sources: [VolumeProjection]
        /// 0440 for the gateway's configuration and TLS files (owner and the pod's fsGroup); nil is 0644.
        var defaultMode: Int? = nil

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("sources", sources)
            yaml.add("defaultMode", defaultMode)
        }
    }

    /// One source of a projected volume: ConfigMap keys, Secret keys, or a service account token.
    struct VolumeProjection: YAMLObject, Sendable {
        var configMap: KeyProjection? = nil
        var secret: KeyProjection? = nil
        var serviceAccountToken: ServiceAccountTokenProjection? = nil

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("configMap", configMap)
            yaml.add("secret", secret)
            yaml.add("serviceAccountToken", serviceAccountToken)
        }
    }

    /// A `ConfigMapProjection` or `SecretProjection`: the named keys, each at its path.
    struct KeyProjection: YAMLObject, Sendable {
        var name: String
        var items: [KeyToPath]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("items", items)
        }
    }

    struct ServiceAccountTokenProjection: YAMLObject, Sendable {
        var audience: String
        var expirationSeconds: Int
        var path: String

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("audience", audience)
            yaml.add("expirationSeconds", expirationSeconds)
            yaml.add("path", path)
        }
    }

    struct ConfigMapVolumeSource: YAMLObject, Sendable {
        var name: String
        var items: [KeyToPath]
        /// Nil for infragen's own ConfigMap (Kubernetes' 0644); 0440 for a team's (`ConfigMapFiles`), as Secret files.
        var defaultMode: Int? = nil

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("items", items)
            yaml.add("defaultMode", defaultMode)
        }
    }

    struct KeyToPath: YAMLObject, Sendable {
        var key: String
        var path: String

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("key", key)
            yaml.add("path", path)
        }
    }
}
