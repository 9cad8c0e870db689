import Infragen

extension System {
    /// The well-known gRPC microservices demo (an online boutique) as a platform team deploys it: twelve services in
    /// Go, C#, Node.js, Python and Java, and a nightly snapshot of Redis. infragen builds the Go services; the others
    /// come from the teams' own Dockerfiles, and Redis (a StatefulSet) is a prebuilt image. The frontend alone is
    /// routed through the gateway and serves metrics; the services behind it talk gRPC to each other.
    public static let polyglot = System("polyglot") {
        Summary("An online boutique of gRPC microservices in five languages, with Redis and a load generator")
        Team("boutique")
        SourceRepository("https://git.example.com/boutique", license: "Apache-2.0")
        Acknowledge(.endOfLifeGo, because: "mirrors the upstream boutique's Go 1.23 builds; upgraded with it")
        Acknowledge(.endOfLifeImage, because: "the gateway targets nginx 1.22.1 like the shop's; upgraded together")

        Defaults {
            Go(version: "1.23")
            Base(.distroless(.static))
            ImageRegistry("registry.example.com/boutique")
            ImageTag("0.10.2")
            Requests(cpu: .millicores(100), memory: .mebibytes(64))
            Limits(cpu: .millicores(200), memory: .mebibytes(128))
            Labels(["example.com/cost-center": "boutique"])
            // Every pod has an emptyDir at /tmp, which alone would keep the cluster autoscaler from draining its
            // node; nothing in /tmp outlives a pod here.
            Annotations(["cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes": "tmp"], on: [.pods])
        }

        Deploy(to: .dev) {
            Namespace("polyglot-dev")
            Host("dev.boutique.example.com")
            Replicas(1)
            Rollout(frequency: "on every merge", rollback: .imageRollback, owner: "boutique team")
        }
        Deploy(to: .staging) {
            Namespace("polyglot-staging")
            Host("staging.boutique.example.com")
            TLS()
            Replicas(2)
            Rollout(frequency: "daily", rollback: .imageRollback, owner: "boutique team")
            RawObject(
                "quota", ResourceQuotas.polyglot(requests: ("6", "6Gi"), limits: ("10", "10Gi"), loadBalancers: 0))
        }
        Deploy(to: .prod) {
            Namespace("polyglot-prod")
            Host("boutique.example.com")
            TLS()
            Canary(.percent(10))
            CanaryImageTag("0.10.3")  // the frontend's next release; cut back to 0 % to roll back
            Replicas(3)
            Rollout(
                frequency: "weekly", rollback: .canaryCutback, owner: "SRE team",
                maxSurge: .percent(25), maxUnavailable: .percent(0))
            RawObject(
                "quota", ResourceQuotas.polyglot(requests: ("8", "8Gi"), limits: ("16", "16Gi"), loadBalancers: 1))
        }

        Gateway {
            // The cluster DNS Service IP (kubectl -n kube-system get svc kube-dns); kubeadm's default.
            Resolver("10.96.0.10")
            RouteDefaults(timeout: .seconds(30), maxBodySize: .mebibytes(1), rateLimit: .perSecond(50, burst: 100))
        }

        // One Locust at a time: during a rolling update a second one would add as many shoppers again.
        Patch(.deployment("loadgenerator"), strategicMerge: """
            spec:
              strategy:
                type: Recreate
                rollingUpdate: null
            """)

        Service.boutiqueFrontend
        Service.boutiqueProductCatalog
        Service.boutiqueCheckout
        Service.boutiqueShipping
        Service.boutiqueCart
        Service.boutiqueRedis
        Service.boutiqueRedisSnapshot
        Service.boutiqueCurrency
        Service.boutiquePayment
        Service.boutiqueEmail
        Service.boutiqueRecommendation
        Service.boutiqueAd
        Service.boutiqueLoadGenerator
    }
}

/// What the namespace of an environment may hold at most, so that a runaway autoscaler or a mistaken replica count
/// stops at the quota instead of starving the cluster's other tenants. The figures leave room for a rolling update
/// of every service at once, the frontend at its autoscaler's maximum and the canary. A LoadBalancer Service also
/// takes node ports.
enum ResourceQuotas {
    static func polyglot(
        requests: (cpu: String, memory: String), limits: (cpu: String, memory: String), loadBalancers: Int
    ) -> String {
        """
        apiVersion: v1
        kind: ResourceQuota
        metadata:
          name: polyglot
        spec:
          hard:
            requests.cpu: '\(requests.cpu)'
            requests.memory: \(requests.memory)
            limits.cpu: '\(limits.cpu)'
            limits.memory: \(limits.memory)
            persistentvolumeclaims: '2'
            requests.storage: 10Gi
            services.loadbalancers: '\(loadBalancers)'
            services.nodeports: '\(loadBalancers)'
        """
    }
}
