public import InfragenModel

/// Every generator infragen ships, in the order their files are listed.
public enum Generators {
    public static let all: [any Generator] = [
        DockerfileGenerator(),
        KubernetesGenerator(),
        NginxGenerator(),
        ReportGenerator(),
        PrometheusGenerator(),
        PipelineGenerator(),
        AlertmanagerGenerator(),
    ]
}
