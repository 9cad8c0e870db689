"""go-jsonnet (the gojsonnet binding): evaluates render.jsonnet, which builds the Kubernetes objects of infragen-bench's
synthetic system and manifests one YAML stream per service and environment, then writes those files. Prints one
JSON line: the time from the evaluation to the last file written (scripts/bench-peers times the whole process too).

    python jsonnet_bench.py --services 1000 --kinds Deployment,Service --out DIR
"""
import argparse
import json
import os
import sys
import time

import _gojsonnet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, required=True)
    parser.add_argument("--kinds", required=True, help="comma-separated Kubernetes kinds to render per service")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    program = os.path.join(os.path.dirname(os.path.abspath(__file__)), "render.jsonnet")

    start = time.perf_counter()
    files = json.loads(_gojsonnet.evaluate_file(
        program, ext_vars={"services": str(args.services), "kinds": args.kinds}))
    folders = set()
    for path, text in files.items():
        target = os.path.join(args.out, path)
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)
    elapsed = (time.perf_counter() - start) * 1000

    documents = sum(text.count("\nkind: ") + text.startswith("kind: ") for text in files.values())
    size = sum(len(text.encode()) for text in files.values())
    print(json.dumps({"tool": "go-jsonnet", "n": args.services, "files": len(files), "documents": documents,
                      "bytes": size, "render_ms": round(elapsed, 1)}))


if __name__ == "__main__":
    sys.exit(main())
