"""cdk8s + cdk8s-plus: the Kubernetes objects of infragen-bench's synthetic system, one chart (one file) per service
and environment. Prints one JSON line: the time from the first construct to the last file written (the imports,
which start jsii's Node.js process, are outside it; scripts/bench-peers times the whole process too).

    python cdk8s_bench.py --services 1000 --kinds Deployment,Service --out DIR
"""
import argparse
import json
import os
import sys
import time

import cdk8s
import cdk8s_plus_37 as kplus

from synthetic import ENVIRONMENTS, services


def chart_objects(chart, service, kinds):
    metadata = cdk8s.ApiObjectMetadata(name=service["name"], labels=service["labels"])
    pods = kplus.Pods.select(chart, "pods", labels=service["selector"])
    deployment = None
    if "ServiceAccount" in kinds:
        kplus.ServiceAccount(chart, "service-account", metadata=metadata, automount_token=False)
    if "ConfigMap" in kinds:
        kplus.ConfigMap(chart, "config", immutable=True, data={"LOG_LEVEL": service["log_level"]},
                        metadata=cdk8s.ApiObjectMetadata(name=f"{service['name']}-config", labels=service["labels"]))
    if "Deployment" in kinds:
        tmp = kplus.Volume.from_empty_dir(chart, "tmp", "tmp")
        deployment = kplus.Deployment(
            chart, "deployment",
            metadata=metadata,
            replicas=None if service["autoscaled"] else service["replicas"],
            select=False,
            pod_metadata=cdk8s.ApiObjectMetadata(labels=service["labels"]),
            security_context=kplus.PodSecurityContextProps(ensure_non_root=True, user=10001, group=10001,
                                                           fs_group=10001),
            termination_grace_period=cdk8s.Duration.seconds(30),
            volumes=[tmp],
            containers=[kplus.ContainerProps(
                name=service["name"],
                image=service["image"],
                ports=[kplus.ContainerPort(number=8080, name="http", protocol=kplus.Protocol.TCP)],
                env_variables={
                    "GIN_MODE": kplus.EnvValue.from_value("release"),
                    "PORT": kplus.EnvValue.from_value("8080"),
                    "DATABASE_PASSWORD": kplus.EnvValue.from_secret_value(kplus.SecretValue(
                        secret=kplus.Secret.from_secret_name(chart, "db", f"{service['name']}-db"), key="password")),
                    "LOG_LEVEL": kplus.EnvValue.from_value(service["log_level"]),
                },
                resources=kplus.ContainerResources(
                    cpu=kplus.CpuResources(request=kplus.Cpu.millis(100), limit=kplus.Cpu.millis(500)),
                    memory=kplus.MemoryResources(request=cdk8s.Size.mebibytes(64), limit=cdk8s.Size.mebibytes(128))),
                liveness=kplus.Probe.from_http_get("/healthz", port=8080),
                readiness=kplus.Probe.from_http_get("/readyz", port=8080),
                security_context=kplus.ContainerSecurityContextProps(
                    ensure_non_root=True, read_only_root_filesystem=True, allow_privilege_escalation=False,
                    user=10001, group=10001),
                volume_mounts=[kplus.VolumeMount(path="/tmp", volume=tmp)],
            )],
        )
        deployment.select(kplus.LabelSelector.of(labels=service["selector"]))
    if "Service" in kinds:
        kplus.Service(
            chart, "service", metadata=metadata, type=kplus.ServiceType.CLUSTER_IP, selector=pods,
            ports=[kplus.ServicePort(name="http", port=8080, target_port=8080, protocol=kplus.Protocol.TCP)])
    if "HorizontalPodAutoscaler" in kinds and service["autoscaled"] and deployment is not None:
        kplus.HorizontalPodAutoscaler(
            chart, "hpa", metadata=metadata, target=deployment, min_replicas=3, max_replicas=10,
            metrics=[kplus.Metric.resource_cpu(kplus.MetricTarget.average_utilization(70))])
    if "PodDisruptionBudget" in kinds and (service["replicas"] > 1 or service["autoscaled"]):
        budget = cdk8s.ApiObject(chart, "pdb", api_version="policy/v1", kind="PodDisruptionBudget", metadata=metadata)
        budget.add_json_patch(cdk8s.JsonPatch.add("/spec", {
            "maxUnavailable": 1, "selector": {"matchLabels": service["selector"]}}))
    if "NetworkPolicy" in kinds:
        kplus.NetworkPolicy(
            chart, "network-policy", metadata=metadata, selector=pods,
            ingress=kplus.NetworkPolicyTraffic(rules=[kplus.NetworkPolicyRule(
                peer=kplus.Pods.all(chart, "callers"), ports=[kplus.NetworkPolicyPort.tcp(8080)])]),
            egress=kplus.NetworkPolicyTraffic(rules=[
                kplus.NetworkPolicyRule(
                    peer=kplus.Pods.select(chart, f"calls-{index}", labels={"app.kubernetes.io/name": dependency}),
                    ports=[kplus.NetworkPolicyPort.tcp(8080)])
                for index, dependency in enumerate(service["dependencies"])
            ]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, required=True)
    parser.add_argument("--kinds", required=True, help="comma-separated Kubernetes kinds to render per service")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    kinds = set(args.kinds.split(","))

    start = time.perf_counter()
    app = cdk8s.App(outdir=args.out, yaml_output_type=cdk8s.YamlOutputType.FILE_PER_CHART)
    for environment in ENVIRONMENTS:
        for service in services(args.services, environment):
            chart = cdk8s.Chart(app, f"{environment['name']}-{service['name']}", namespace=service["namespace"],
                                disable_resource_name_hashes=True)
            chart_objects(chart, service, kinds)
    app.synth()
    elapsed = (time.perf_counter() - start) * 1000

    files = documents = size = 0
    for folder, _, names in os.walk(args.out):
        for name in names:
            with open(os.path.join(folder, name), "rb") as handle:
                data = handle.read()
            files += 1
            size += len(data)
            documents += sum(1 for line in data.split(b"\n") if line.startswith(b"kind: "))
    print(json.dumps({"tool": "cdk8s", "n": args.services, "files": files, "documents": documents, "bytes": size,
                      "render_ms": round(elapsed, 1)}))


if __name__ == "__main__":
    sys.exit(main())
