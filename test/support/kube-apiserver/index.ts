export { startKubeApiServer, DEFAULT_TOKEN, DEFAULT_USER } from "./server";
export type { KubeApiServer, KubeApiServerOptions, RecordedRequest } from "./server";
export { kubeconfigYaml, writeKubeconfig } from "./kubeconfig";
export type { KubeconfigOptions } from "./kubeconfig";
export { ObjectStore } from "./object-store";
export type { KubeObject, ObjectMeta, ObjectRef, CollectionRef } from "./object-store";
export type { ResourceType } from "./resources";
export type { TokenAccount, RequestAttributes } from "./access";
export type { KubeStatus } from "./status";
