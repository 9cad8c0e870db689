import Infragen

extension System {
    /// The shop from the seed: Go/Gin services built on Alpine, behind Nginx, on Kubernetes,
    /// released to dev, staging and prod as the seed's table says.
    public static let shop = System("shop") {
        Summary("Orders, inventory and payments: Go/Gin services behind an Nginx gateway")
        Team("platform")
        SourceRepository("https://git.example.com/shop", license: "Apache-2.0")
        // The seed's versions, kept so that Output/ shows what the seed runs; moving them is a change of its own.
        Acknowledge(.endOfLifeGo, because: "the seed builds with Go 1.22; the upgrade is tracked apart from infragen")
        Acknowledge(.endOfLifeImage, because: "the seed runs Alpine 3.19 and nginx 1.22.1; upgrades are tracked apart")

        Defaults {
            Go(version: "1.22")
            Base(.alpine("3.19"))
            ImageRegistry("registry.example.com/shop")
            ImageTag("1.0.0")
            // The seed runs each service with `docker run --memory=100m --cpus=0.5`.
            Requests(cpu: .millicores(100), memory: .mebibytes(64))
            Limits(cpu: .cores(0.5), memory: .mebibytes(100))
            // kube-prometheus-stack's Prometheus selects rules and monitors by its Helm release's name.
            PrometheusRuleLabels(["release": "kube-prometheus-stack"])
            MonitorLabels(["release": "kube-prometheus-stack"])
        }

        Deploy(to: .dev) {
            Namespace("shop-dev")
            Host("dev.shop.example.com")
            Replicas(1)
            Rollout(frequency: "several times a day", rollback: .snapshotRestore, owner: "development team")
            Env("LOG_LEVEL", config: "debug")
        }
        Deploy(to: .staging) {
            Namespace("shop-staging")
            Host("staging.shop.example.com")
            TLS()
            Replicas(2)
            Rollout(frequency: "daily", rollback: .imageRollback, owner: "test + ops")
            // Staging sees test traffic only: no ticket on the ratio of a handful of requests.
            MinimumTraffic(.requestsPerMinute(1))
            Env("LOG_LEVEL", config: "info")
        }
        Deploy(to: .prod) {
            Namespace("shop-prod")
            Host("shop.example.com")
            TLS()
            Canary(.percent(10))
            CanaryImageTag("1.1.0")  // the release under test; cut back to 0 % to roll back
            Replicas(3)
            Rollout(
                frequency: "2-3 times a week", rollback: .canaryCutback, owner: "SRE team",
                maxSurge: .percent(25), maxUnavailable: .percent(0))
            Env("LOG_LEVEL", config: "warn")
        }

        Gateway {
            // The cluster DNS Service IP (kubectl -n kube-system get svc kube-dns); kubeadm's default.
            Resolver("10.96.0.10")
            StaticFiles(at: "/static/", from: "html")
            RouteDefaults(timeout: .seconds(30), maxBodySize: .mebibytes(1), rateLimit: .perSecond(50, burst: 100))
        }

        // The seed's pipeline: tests and a scan on every commit, images to the private registry, dev and staging
        // automatic, prod approved by hand and released as a canary that an SLO gate judges.
        Pipeline {
            StaticScan(.sonarQube)
            ReleaseGate(prometheus: "http://prometheus-operated.monitoring.svc:9090", analysis: .minutes(30))
            SnapshotRestore("scripts/restore-dev-snapshot.sh")
        }

        // The seed: when an SLO threshold breaks, the team's chat gets the alert; a page in prod also reaches on-call.
        AlertRouting(default: "platform-chat") {
            Receiver("platform-chat", .chat(channel: "#shop-alerts"))
            Receiver("orders-chat", .chat(channel: "#orders-alerts"))
            Receiver("payments-chat", .chat(channel: "#payments-alerts"))
            Receiver("orders-oncall", .webhook(url: "https://oncall.example.com/hooks/alertmanager", bearerToken: true))
            AlertRoute(to: "orders-oncall", team: "orders", severity: .page, environment: .prod, continue: true)
            AlertRoute(to: "orders-chat", team: "orders")
            AlertRoute(to: "payments-chat", team: "payments")
        }

        Service.orderService
        Service.inventoryService
        Service.paymentService
    }
}
