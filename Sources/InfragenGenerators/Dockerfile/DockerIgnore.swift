/// The ignore file beside each Dockerfile: a deny-list that keeps the build context small, keeps unrelated edits
/// from invalidating the `COPY . .` layer, and keeps local secrets out of every layer.
enum DockerIgnore {
    /// Everything after the file header.
    static let contents = """
        # Read by BuildKit for `docker build -f <this folder>/Dockerfile <context>` (it looks for <Dockerfile>.dockerignore
        # beside the Dockerfile); with buildah or podman pass --ignorefile <this file>.
        # Not excluded on purpose: go.mod, go.sum, vendor/ (for -mod=vendor builds), any .go file, and data that
        # //go:embed may use.

        # Version control and CI metadata
        .git
        .gitignore
        .gitattributes
        .github
        .gitlab-ci.yml

        # Container and deployment files (the build does not read them)
        **/Dockerfile*
        **/.dockerignore
        .hadolint.yaml
        .checkov*.yaml
        docker-compose*.y*ml
        compose*.y*ml

        # Build output, test binaries, coverage and profiles
        bin/
        dist/
        **/*.exe
        **/*.test
        **/*.out
        **/coverage.*
        **/*.prof

        # Local settings and secrets that must never reach an image layer
        **/.env
        **/.env.*
        **/*.pem
        **/*.key

        # Editor and OS files
        .idea/
        .vscode/
        **/*.swp
        **/.DS_Store

        """
}
