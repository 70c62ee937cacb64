// Managed Kubernetes services in a FOCUS export, by ServiceName: "Amazon Elastic Kubernetes Service", "Azure
// Kubernetes Service", "Kubernetes Engine". They bill cluster management (the control plane); the worker nodes are
// billed as virtual machines under EC2, Virtual Machines and Compute Engine. No Savings Plan, reservation or flexible
// CUD covers the cluster fees (AWS Savings Plans cover EC2, Fargate and Lambda; Azure's savings plan for compute and
// Google Cloud's flexible CUDs cover the nodes).
// Written once for PostgreSQL's `~*` and JavaScript's RegExp with the i flag.

/** A case-insensitive pattern matching the ServiceName of a managed Kubernetes service. */
export const KUBERNETES_SERVICE_PATTERN = "kubernetes";

const KUBERNETES_SERVICE = new RegExp(KUBERNETES_SERVICE_PATTERN, "i");

/** Whether a FOCUS ServiceName is a managed Kubernetes service's. */
export const isKubernetesService = (serviceName: string) => KUBERNETES_SERVICE.test(serviceName);
