// Validates every document of a multi-document YAML (stdin) against the schema of its kind:
// kubernetes-models for the Kubernetes API, @kubernetes-models/strimzi-kafka-operator for
// Strimzi's CRDs, @kubernetes-models/prometheus-operator for PodMonitor and PrometheusRule. Prints one line per document; exits 1 if any is invalid or of an unknown kind.
import { parseAllDocuments } from "yaml";

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});

function modulePath(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion : `v1`;
  if (apiVersion.startsWith("kafka.strimzi.io/")) {
    return `@kubernetes-models/strimzi-kafka-operator/${group}/${kind}`;
  }
  if (apiVersion.startsWith("monitoring.coreos.com/")) {
    return `@kubernetes-models/prometheus-operator/${group}/${kind}`;
  }
  return `kubernetes-models/${group}/${kind}`;
}

let failed = 0;
for (const doc of parseAllDocuments(input)) {
  if (doc.errors.length > 0) {
    console.log(`invalid YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
    failed++;
    continue;
  }
  const resource = doc.toJS();
  if (resource === null) continue;
  const name = `${resource.apiVersion} ${resource.kind} ${resource.metadata?.name}`;
  let model;
  try {
    model = (await import(modulePath(resource.apiVersion, resource.kind)))[resource.kind];
  } catch (e) {
    console.log(`unknown kind: ${name} (${e.message})`);
    failed++;
    continue;
  }
  try {
    new model(resource).validate();
    console.log(`valid: ${name}`);
  } catch (e) {
    console.log(`invalid: ${name}: ${e.message}`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
