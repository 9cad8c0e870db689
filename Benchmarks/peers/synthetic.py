"""The synthetic system of infragen-bench (Benchmarks/InfragenBench/SyntheticSystem.swift), as plain data.

Service i of N is svc-i: one HTTP port 8080, probes, three variables and a secret, calls svc-(i+1) and svc-(i+2)
(mod N), and in prod autoscales when i is even. Environments: dev (1 replica), staging (2), prod (3). A disruption
budget only where more than one replica runs, as infragen's Kubernetes generator writes them.
"""

ENVIRONMENTS = [
    {"name": "dev", "replicas": 1, "log_level": "debug"},
    {"name": "staging", "replicas": 2, "log_level": "info"},
    {"name": "prod", "replicas": 3, "log_level": "warn"},
]


def services(count, environment):
    env = environment["name"]
    for index in range(count):
        name = f"svc-{index}"
        yield {
            "name": name,
            "namespace": f"bench-{env}",
            "image": f"registry.example.com/bench/{name}:1.0.0",
            "replicas": environment["replicas"],
            "log_level": environment["log_level"],
            "autoscaled": env == "prod" and index % 2 == 0,
            "dependencies": [f"svc-{(index + 1) % count}", f"svc-{(index + 2) % count}"],
            "selector": {
                "app.kubernetes.io/name": name,
                "app.kubernetes.io/instance": f"{name}-{env}",
            },
            "labels": {
                "app.kubernetes.io/name": name,
                "app.kubernetes.io/instance": f"{name}-{env}",
                "app.kubernetes.io/version": "1.0.0",
                "app.kubernetes.io/component": "server",
                "app.kubernetes.io/part-of": "bench",
                "app.kubernetes.io/managed-by": "bench",
            },
        }
