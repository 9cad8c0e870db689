/// How the gateway runs in each environment's Kubernetes folder: its image, size, TLS Secret, load balancer and
/// shutdown. Every field has a default; the Deployment, Service, PodDisruptionBudget, NetworkPolicy and ConfigMap are
/// `<system>-gateway` in the environment's namespace.
public struct GatewayDeploymentDescription: Sendable, Hashable, Codable {
    /// An issuer of cert-manager's: a namespaced `Issuer` or a `ClusterIssuer`.
    public struct CertificateIssuer: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable {
            case issuer = "Issuer"
            case clusterIssuer = "ClusterIssuer"
        }

        public var name: String
        public var kind: Kind

        public init(name: String, kind: Kind = .clusterIssuer) {
            self.name = name
            self.kind = kind
        }
    }

    /// The nginx image; nil: the official image that carries the ``GatewayDescription/nginxVersion`` and
    /// ``GatewayDescription/opensslVersion`` target (``GatewayDeploymentDescription/officialImages``), else the
    /// official `nginx:<nginxVersion>` (whose OpenSSL the blueprint's `OpenSSLVersion` should then name).
    public var image: String?
    /// Pods when no autoscaler owns the count.
    public var replicas: Int
    public var cpuRequest: CPU
    public var memoryRequest: DataSize
    /// nil: ``GatewayDescription/workerProcesses`` cores when the blueprint sets it, else 1 core.
    public var cpuLimit: CPU?
    public var memoryLimit: DataSize
    /// A HorizontalPodAutoscaler on CPU instead of a fixed count.
    public var autoscaling: AutoscalingDescription?
    /// The `kubernetes.io/tls` Secret the gateway serves HTTPS with; nil: `<system>-gateway-tls`.
    public var tlsSecret: String?
    /// A cert-manager `Certificate` that keeps ``tlsSecret`` filled for the environment's host; nil: none (the
    /// Secret is made some other way).
    public var certificateIssuer: CertificateIssuer?
    /// The client ranges the load balancer admits (`loadBalancerSourceRanges`); empty: every address.
    public var sourceRanges: [String]
    /// How long the pod keeps serving after it is taken out of the endpoints, before nginx stops accepting.
    public var preStopPause: Duration
    /// How long nginx may take to finish the requests in flight after `nginx -s quit`.
    public var drainTimeout: Duration

    public init() {
        self.replicas = 2
        self.cpuRequest = .millicores(100)
        self.memoryRequest = .mebibytes(64)
        self.memoryLimit = .mebibytes(128)
        self.sourceRanges = []
        self.preStopPause = .seconds(5)
        self.drainTimeout = .seconds(30)
    }

    /// An official image (Docker Hub's `nginx`) and the nginx and OpenSSL it carries.
    public struct OfficialImage: Sendable, Hashable {
        public var nginx: String
        public var openssl: String
        public var image: String
    }

    /// The official images for the targets a blueprint may name without a `GatewayImage`: `nginx:1.22.1-alpine` is
    /// nginx.org's 1.22.1 on Alpine 3.17, with its OpenSSL 3.0 (the pair Debian 12 ships, the default target);
    /// `nginx:1.22.1` is built on Debian 11, with OpenSSL 1.1.1.
    public static let officialImages = [
        OfficialImage(nginx: "1.22.1", openssl: "3.0", image: "nginx:1.22.1-alpine"),
        OfficialImage(nginx: "1.22.1", openssl: "1.1.1", image: "nginx:1.22.1"),
    ]

    /// The official image of a target, if there is one here.
    public static func officialImage(nginx: String, openssl: String) -> String? {
        officialImages.first { $0.nginx == nginx && $0.openssl == openssl }?.image
    }
}
