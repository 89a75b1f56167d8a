#!/usr/bin/env bash
# Runs the besu-qbft scenario through the kubernetes driver against a REAL cluster: create a
# 4-validator network, wait for blocks, add a validator, remove it, refuse an unsafe removal,
# restart the nodes one by one, delete. Uses your current KUBECONFIG context and refuses to run
# without one. Creates two namespaces (cl-net-scenario…, chainloom-scenario) and deletes them.
#
#   deploy/scripts/k8s-scenario.sh            # asks before touching the cluster
#   deploy/scripts/k8s-scenario.sh --yes      # no question (CI)
#
# See docs/kubernetes.md ("Running the scenario on a real cluster") for kind/k3d/minikube set-up
# and the SCENARIO_* variables.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mxx %s\033[0m\n' "$*" >&2; exit 1; }

assume_yes=false
for arg in "$@"; do
  case "$arg" in
    --yes|-y) assume_yes=true ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (try --help)" ;;
  esac
done

# A context is required: this script creates workloads, and must never guess where.
if [ -z "${KUBECONFIG:-}" ] && [ ! -f "$HOME/.kube/config" ]; then
  die "No KUBECONFIG is set and ~/.kube/config does not exist. This scenario needs a real cluster, e.g.:
     kind create cluster --name chainloom     (https://kind.sigs.k8s.io)
     k3d cluster create chainloom             (https://k3d.io)
   then run this script again. Nothing was done."
fi
context=""
if command -v kubectl >/dev/null; then
  context="$(kubectl config current-context 2>/dev/null || true)"
  [ -n "$context" ] || die "Your kubeconfig has no current context. Pick one: kubectl config use-context <name>. Nothing was done."
  kubectl version --request-timeout=10s >/dev/null 2>&1 || die "The cluster of context \"$context\" does not answer (kubectl version failed). Nothing was done."
else
  [ "${SCENARIO_RPC:-proxy}" != "port-forward" ] || die "SCENARIO_RPC=port-forward needs kubectl on the PATH."
  echo "kubectl not found: the context is checked by the scenario itself."
fi

if [ ! -x node_modules/.bin/node ]; then
  die "Dependencies are missing; run npm install first."
fi
export PATH="$ROOT/node_modules/.bin:$PATH"

say "About to run the besu-qbft scenario on context \"${context:-(from KUBECONFIG)}\""
echo "    It creates namespaces cl-net-scenario… and ${SCENARIO_PLATFORM_NAMESPACE:-chainloom-scenario}, pulls the Besu image,"
echo "    runs 5 small Besu pods (1 Gi volumes each) for a few minutes, and deletes everything at the end."
if ! $assume_yes; then
  if [ -t 0 ]; then
    read -r -p "    Continue? [y/N] " answer
    [[ "$answer" =~ ^[Yy] ]] || die "Stopped; nothing was done."
  else
    die "Not a terminal: pass --yes to run without the question."
  fi
fi

SWC_NODE_PROJECT=tsconfig.base.json exec node -r @swc-node/register libs/orchestrator/src/kubernetes/test/cluster-scenario.ts
