// go-jsonnet: the Kubernetes objects of infragen-bench's synthetic system (synthetic.py says what it is), one file
// per service and environment, as an object from path to YAML text (std.manifestYamlStream).
//   ext vars: services (N), kinds (comma-separated Kubernetes kinds to render per service)
local n = std.parseInt(std.extVar('services'));
local kinds = std.split(std.extVar('kinds'), ',');
local has(kind) = std.member(kinds, kind);

local environments = [
  { name: 'dev', replicas: 1, logLevel: 'debug' },
  { name: 'staging', replicas: 2, logLevel: 'info' },
  { name: 'prod', replicas: 3, logLevel: 'warn' },
];

local objects(index, env) =
  local name = 'svc-' + index;
  local autoscaled = env.name == 'prod' && index % 2 == 0;
  local selector = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': name + '-' + env.name,
  };
  local labels = selector {
    'app.kubernetes.io/version': '1.0.0',
    'app.kubernetes.io/component': 'server',
    'app.kubernetes.io/part-of': 'bench',
    'app.kubernetes.io/managed-by': 'bench',
  };
  local metadata = { name: name, namespace: 'bench-' + env.name, labels: labels };
  local probe(path) = { httpGet: { path: path, port: 'http' } };
  (if has('ServiceAccount') then [{
     apiVersion: 'v1',
     kind: 'ServiceAccount',
     metadata: metadata,
     automountServiceAccountToken: false,
   }] else [])
  + (if has('ConfigMap') then [{
       apiVersion: 'v1',
       kind: 'ConfigMap',
       metadata: metadata { name: name + '-config' },
       immutable: true,
       data: { LOG_LEVEL: env.logLevel },
     }] else [])
  + (if has('Deployment') then [{
     apiVersion: 'apps/v1',
     kind: 'Deployment',
     metadata: metadata,
     spec: {
       [if !autoscaled then 'replicas']: env.replicas,
       selector: { matchLabels: selector },
       template: {
         metadata: { labels: labels },
         spec: {
           securityContext: {
             runAsNonRoot: true,
             runAsUser: 10001,
             runAsGroup: 10001,
             fsGroup: 10001,
             seccompProfile: { type: 'RuntimeDefault' },
           },
           terminationGracePeriodSeconds: 30,
           containers: [{
             name: name,
             image: 'registry.example.com/bench/' + name + ':1.0.0',
             ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
             env: [
               { name: 'GIN_MODE', value: 'release' },
               { name: 'PORT', value: '8080' },
               { name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { name: name + '-db', key: 'password' } } },
               { name: 'LOG_LEVEL', value: env.logLevel },
             ],
             resources: {
               requests: { cpu: '100m', memory: '64Mi' },
               limits: { cpu: '500m', memory: '128Mi' },
             },
             livenessProbe: probe('/healthz'),
             readinessProbe: probe('/readyz'),
             securityContext: {
               allowPrivilegeEscalation: false,
               readOnlyRootFilesystem: true,
               runAsNonRoot: true,
               capabilities: { drop: ['ALL'] },
             },
             volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
           }],
           volumes: [{ name: 'tmp', emptyDir: {} }],
         },
       },
     },
   }] else [])
  + (if has('Service') then [{
       apiVersion: 'v1',
       kind: 'Service',
       metadata: metadata,
       spec: {
         type: 'ClusterIP',
         selector: selector,
         ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }],
       },
     }] else [])
  + (if has('HorizontalPodAutoscaler') && autoscaled then [{
       apiVersion: 'autoscaling/v2',
       kind: 'HorizontalPodAutoscaler',
       metadata: metadata,
       spec: {
         scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: name },
         minReplicas: 3,
         maxReplicas: 10,
         metrics: [{
           type: 'Resource',
           resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
         }],
       },
     }] else [])
  + (if has('PodDisruptionBudget') && (env.replicas > 1 || autoscaled) then [{
       apiVersion: 'policy/v1',
       kind: 'PodDisruptionBudget',
       metadata: metadata,
       spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
     }] else [])
  + (if has('NetworkPolicy') then [{
       apiVersion: 'networking.k8s.io/v1',
       kind: 'NetworkPolicy',
       metadata: metadata,
       spec: {
         podSelector: { matchLabels: selector },
         policyTypes: ['Ingress', 'Egress'],
         ingress: [{ ports: [{ port: 8080, protocol: 'TCP' }] }],
         egress: [
           {
             to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'svc-' + ((index + step) % n) } } }],
             ports: [{ port: 8080, protocol: 'TCP' }],
           }
           for step in [1, 2]
         ],
       },
     }] else []);

{
  [env.name + '/' + 'svc-' + index + '.yaml']: std.manifestYamlStream(objects(index, env), c_document_end=false, quote_keys=false)
  for env in environments
  for index in std.range(0, n - 1)
}
