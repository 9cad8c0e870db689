/// The validators' settings the generated files are designed for, as `infragen init` writes them. They are
/// infragen's own, byte for byte (ScaffoldTests compares them with `.hadolint.yaml`, `.checkov-dockerfile.yaml` and
/// `.ci/`), so a team's checks judge the output exactly as infragen's tests do.
extension Scaffold {
    static let validatorConfigurations: [(path: String, infragenFile: String, contents: String)] = [
        (path: ".hadolint.yaml", infragenFile: ".hadolint.yaml", contents: #"""
            # hadolint configuration for the Dockerfiles infragen generates (hadolint reads .hadolint.yaml in the folder it runs in).
            # Every finding fails, down to style; a rule is ignored only with a one-line reason.
            failure-threshold: style
            ignored:
              - DL3018  # apk add without versions: the blueprint pins the base image tag; Alpine drops old package revisions, so version pins break rebuilds (the blueprint may pin them)
              - DL3008  # apt-get install without versions: same reason for debian and ubuntu bases (pins break when the archive moves on)
            # The final stage must carry these OCI labels (DL3049 missing, DL3052 not a URL, DL3054 not an SPDX identifier).
            label-schema:
              org.opencontainers.image.title: text
              org.opencontainers.image.description: text
              org.opencontainers.image.source: url
              org.opencontainers.image.licenses: spdx
              org.opencontainers.image.version: text
              org.opencontainers.image.revision: text

            """#),
        (path: "validators/checkov-dockerfile.yaml", infragenFile: ".checkov-dockerfile.yaml", contents: #"""
            # checkov configuration for the Dockerfiles infragen generates: checkov --config-file <this file> --directory Output.
            # A check is skipped only with a one-line reason.
            framework:
              - dockerfile
            skip-download: true   # offline: do not fetch guidelines from the vendor platform
            compact: true
            skip-check:
              - CKV_DOCKER_2  # HEALTHCHECK: only alpine images have a client to run one (busybox wget); the others rely on Kubernetes liveness/readiness probes, which ignore HEALTHCHECK anyway

            """#),
        (path: "validators/checkov-kubernetes.yaml", infragenFile: ".ci/checkov-kubernetes.yaml", contents: #"""
            # checkov configuration for the Kubernetes manifests infragen generates (infragen's README, "Kubernetes output", lists the skips).
            # Run it from a folder without its own .checkov.yaml: checkov merges that file in as well.
            ---
            compact: true
            framework:
            - kubernetes
            quiet: true
            skip-check:
            - CKV_K8S_43  # blueprints may give a tag only; with ImageTag(_:digest:) the image is pinned and the check passes
            skip-download: true

            """#),
        (path: "validators/yamllint-kubernetes.yaml", infragenFile: ".ci/yamllint-kubernetes.yaml", contents: #"""
            # yamllint configuration for the generated Kubernetes manifests (libyaml block style), run with --strict.
            ---
            extends: default

            rules:
              # Every document starts with '---' (the first one too, after the header comment lines); none ends with '...'.
              document-start:
                level: error
                present: true
              document-end:
                present: false
              # libyaml: 2-space indentation, sequences inside mappings are not indented ("key:\n- a"); any drift fails.
              indentation:
                spaces: 2
                indent-sequences: false
                check-multi-line-strings: false
              # Values are written unfolded so that they read back byte for byte; a long value is a long line.
              line-length: disable
              # Kubernetes booleans are always true/false; strings like 'yes' are quoted by the emitter.
              truthy:
                level: error
                allowed-values: ['true', 'false']
                check-keys: true

            """#),
    ]
}
