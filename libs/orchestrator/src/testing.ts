// FAKES of a Kubernetes cluster for tests and benchmarks on a machine without one: an in-process
// fake of the API server and a fake of Besu's QBFT JSON-RPC, joined into a fake cluster. Not for
// production code (the boundaries rule keeps it to tests): docs/kubernetes.md says what only a
// real cluster shows.
export { FakeKubernetesApi, type RecordedRequest } from './kubernetes/test/fake-kubernetes-api';
export { FakeBesuNetwork, type RecordedCall } from './kubernetes/test/fake-besu-network';
export { connectFakeCluster } from './kubernetes/test/fake-cluster';
export { validateAgainstSchema } from './kubernetes/test/manifest-schemas';
