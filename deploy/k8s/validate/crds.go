package main

// Go types for the custom resources the manifests use, written from the upstream CRD schemas: Strimzi 0.4x
// kafka.strimzi.io/v1beta2 KafkaTopic, Kafka, KafkaNodePool and KafkaUser; KEDA 2.1x keda.sh/v1alpha1 ScaledObject
// and TriggerAuthentication; Prometheus
// Operator monitoring.coreos.com/v1 PodMonitor and PrometheusRule. They hold the fields of those schemas that these
// manifests may reasonably set (status and deprecated fields left out), so strict decoding rejects anything else;
// the check methods add the rules the schemas state in prose (required fields, ranges, the Kafka config and KEDA
// trigger keys, which the schemas leave as free-form maps). A field not modelled yet is added here when needed.

import (
	"encoding/json"
	"fmt"
	"strconv"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// registry maps "apiVersion/kind" to a new typed object. A kind missing here fails validation on purpose.
var registry = map[string]func() any{
	"v1/ConfigMap":                            func() any { return &corev1.ConfigMap{} },
	"v1/Secret":                               func() any { return &corev1.Secret{} },
	"v1/Service":                              func() any { return &corev1.Service{} },
	"v1/Namespace":                            func() any { return &corev1.Namespace{} },
	"v1/ServiceAccount":                       func() any { return &corev1.ServiceAccount{} },
	"apps/v1/Deployment":                      func() any { return &appsv1.Deployment{} },
	"apps/v1/StatefulSet":                     func() any { return &appsv1.StatefulSet{} },
	"policy/v1/PodDisruptionBudget":           func() any { return &policyv1.PodDisruptionBudget{} },
	"kafka.strimzi.io/v1beta2/KafkaTopic":     func() any { return &KafkaTopic{} },
	"kafka.strimzi.io/v1beta2/Kafka":          func() any { return &Kafka{} },
	"kafka.strimzi.io/v1beta2/KafkaNodePool":  func() any { return &KafkaNodePool{} },
	"kafka.strimzi.io/v1beta2/KafkaUser":      func() any { return &KafkaUser{} },
	"keda.sh/v1alpha1/ScaledObject":           func() any { return &ScaledObject{} },
	"keda.sh/v1alpha1/TriggerAuthentication":  func() any { return &TriggerAuthentication{} },
	"monitoring.coreos.com/v1/PodMonitor":     func() any { return &PodMonitor{} },
	"monitoring.coreos.com/v1/PrometheusRule": func() any { return &PrometheusRule{} },
}

// ---- Strimzi KafkaTopic ----

type KafkaTopic struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              KafkaTopicSpec `json:"spec"`
}

type KafkaTopicSpec struct {
	TopicName  string                     `json:"topicName,omitempty"`
	Partitions *int32                     `json:"partitions,omitempty"`
	Replicas   *int32                     `json:"replicas,omitempty"`
	Config     map[string]json.RawMessage `json:"config,omitempty"`
}

// kafkaTopicConfigs are the topic-level configuration keys of Apache Kafka 4 (the broker refuses others; Strimzi
// passes the map through unchecked).
var kafkaTopicConfigs = map[string]bool{
	"cleanup.policy": true, "compression.type": true, "delete.retention.ms": true, "file.delete.delay.ms": true,
	"flush.messages": true, "flush.ms": true, "index.interval.bytes": true, "local.retention.bytes": true,
	"local.retention.ms": true, "max.compaction.lag.ms": true, "max.message.bytes": true,
	"message.timestamp.after.max.ms": true, "message.timestamp.before.max.ms": true,
	"message.timestamp.type": true, "min.cleanable.dirty.ratio": true, "min.compaction.lag.ms": true,
	"min.insync.replicas": true, "remote.storage.enable": true, "retention.bytes": true, "retention.ms": true,
	"segment.bytes": true, "segment.index.bytes": true, "segment.jitter.ms": true, "segment.ms": true,
	"unclean.leader.election.enable": true,
}

func (t *KafkaTopic) check() error {
	if t.Labels["strimzi.io/cluster"] == "" {
		return fmt.Errorf("metadata.labels[strimzi.io/cluster] is required: the topic operator only manages labelled topics")
	}
	if t.Spec.Partitions == nil || *t.Spec.Partitions < 1 {
		return fmt.Errorf("spec.partitions must be set and at least 1")
	}
	if t.Spec.Replicas == nil || *t.Spec.Replicas < 1 {
		return fmt.Errorf("spec.replicas must be set and at least 1")
	}
	for key, value := range t.Spec.Config {
		if !kafkaTopicConfigs[key] {
			return fmt.Errorf("spec.config: unknown Kafka topic config %q", key)
		}
		if key == "min.insync.replicas" {
			var n int32
			if err := json.Unmarshal(value, &n); err != nil || n > *t.Spec.Replicas {
				return fmt.Errorf("spec.config.min.insync.replicas must be a number no larger than spec.replicas")
			}
		}
	}
	return nil
}

// Name is the Kafka topic name: spec.topicName, else metadata.name (Strimzi's rule).
func (t *KafkaTopic) TopicName() string {
	if t.Spec.TopicName != "" {
		return t.Spec.TopicName
	}
	return t.Name
}

// ---- KEDA ScaledObject ----

type ScaledObject struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              ScaledObjectSpec `json:"spec"`
}

type ScaledObjectSpec struct {
	ScaleTargetRef        ScaleTarget     `json:"scaleTargetRef"`
	PollingInterval       *int32          `json:"pollingInterval,omitempty"`
	InitialCooldownPeriod *int32          `json:"initialCooldownPeriod,omitempty"`
	CooldownPeriod        *int32          `json:"cooldownPeriod,omitempty"`
	IdleReplicaCount      *int32          `json:"idleReplicaCount,omitempty"`
	MinReplicaCount       *int32          `json:"minReplicaCount,omitempty"`
	MaxReplicaCount       *int32          `json:"maxReplicaCount,omitempty"`
	Advanced              *AdvancedConfig `json:"advanced,omitempty"`
	Triggers              []ScaleTrigger  `json:"triggers"`
	Fallback              *Fallback       `json:"fallback,omitempty"`
}

type ScaleTarget struct {
	Name                   string `json:"name"`
	APIVersion             string `json:"apiVersion,omitempty"`
	Kind                   string `json:"kind,omitempty"`
	EnvSourceContainerName string `json:"envSourceContainerName,omitempty"`
}

type AdvancedConfig struct {
	HorizontalPodAutoscalerConfig *HorizontalPodAutoscalerConfig `json:"horizontalPodAutoscalerConfig,omitempty"`
	RestoreToOriginalReplicaCount bool                           `json:"restoreToOriginalReplicaCount,omitempty"`
	ScalingModifiers              *ScalingModifiers              `json:"scalingModifiers,omitempty"`
}

type HorizontalPodAutoscalerConfig struct {
	Name     string                                         `json:"name,omitempty"`
	Behavior *autoscalingv2.HorizontalPodAutoscalerBehavior `json:"behavior,omitempty"`
}

type ScalingModifiers struct {
	Formula          string                         `json:"formula,omitempty"`
	Target           string                         `json:"target,omitempty"`
	ActivationTarget string                         `json:"activationTarget,omitempty"`
	MetricType       autoscalingv2.MetricTargetType `json:"metricType,omitempty"`
}

type Fallback struct {
	FailureThreshold int32  `json:"failureThreshold"`
	Replicas         int32  `json:"replicas"`
	Behavior         string `json:"behavior,omitempty"`
}

type ScaleTrigger struct {
	Type              string                         `json:"type"`
	Name              string                         `json:"name,omitempty"`
	UseCachedMetrics  bool                           `json:"useCachedMetrics,omitempty"`
	Metadata          map[string]string              `json:"metadata"`
	AuthenticationRef *AuthenticationRef             `json:"authenticationRef,omitempty"`
	MetricType        autoscalingv2.MetricTargetType `json:"metricType,omitempty"`
}

type AuthenticationRef struct {
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"`
}

// kafkaTriggerMetadata are the parameters of KEDA's `kafka` scaler (its metadata is a free-form string map).
var kafkaTriggerMetadata = map[string]bool{
	"bootstrapServers": true, "bootstrapServersFromEnv": true, "consumerGroup": true, "consumerGroupFromEnv": true,
	"topic": true, "topicFromEnv": true, "lagThreshold": true, "activationLagThreshold": true,
	"offsetResetPolicy": true, "allowIdleConsumers": true, "scaleToZeroOnInvalidOffset": true,
	"excludePersistentLag": true, "limitToPartitionsWithLag": true, "ensureEvenDistributionOfPartitions": true,
	"partitionLimitation": true, "version": true, "sasl": true, "tls": true, "unsafeSsl": true,
}

func (s *ScaledObject) check() error {
	if s.Spec.ScaleTargetRef.Name == "" {
		return fmt.Errorf("spec.scaleTargetRef.name is required")
	}
	if len(s.Spec.Triggers) == 0 {
		return fmt.Errorf("spec.triggers needs at least one trigger")
	}
	if s.Spec.MaxReplicaCount == nil {
		return fmt.Errorf("spec.maxReplicaCount must be set (the cap is the partition count)")
	}
	if s.Spec.MinReplicaCount != nil && *s.Spec.MinReplicaCount > *s.Spec.MaxReplicaCount {
		return fmt.Errorf("spec.minReplicaCount exceeds spec.maxReplicaCount")
	}
	for i, trigger := range s.Spec.Triggers {
		if trigger.Type != "kafka" {
			continue
		}
		for key, value := range trigger.Metadata {
			if !kafkaTriggerMetadata[key] {
				return fmt.Errorf("spec.triggers[%d].metadata: unknown kafka scaler parameter %q", i, key)
			}
			if key == "lagThreshold" || key == "activationLagThreshold" {
				if _, err := strconv.Atoi(value); err != nil {
					return fmt.Errorf("spec.triggers[%d].metadata.%s must be an integer, got %q", i, key, value)
				}
			}
		}
		// Each parameter is given directly or by the name of an env var of the scaled container (…FromEnv).
		for _, required := range []string{"bootstrapServers", "consumerGroup", "topic"} {
			if trigger.Metadata[required] == "" && trigger.Metadata[required+"FromEnv"] == "" {
				return fmt.Errorf("spec.triggers[%d].metadata.%s (or %sFromEnv) is required", i, required, required)
			}
		}
	}
	return nil
}

// ---- Prometheus Operator PodMonitor and PrometheusRule ----

type PodMonitor struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              PodMonitorSpec `json:"spec"`
}

type PodMonitorSpec struct {
	JobLabel            string               `json:"jobLabel,omitempty"`
	PodTargetLabels     []string             `json:"podTargetLabels,omitempty"`
	PodMetricsEndpoints []PodMetricsEndpoint `json:"podMetricsEndpoints"`
	Selector            metav1.LabelSelector `json:"selector"`
	NamespaceSelector   *NamespaceSelector   `json:"namespaceSelector,omitempty"`
	SampleLimit         *uint64              `json:"sampleLimit,omitempty"`
}

type NamespaceSelector struct {
	Any        bool     `json:"any,omitempty"`
	MatchNames []string `json:"matchNames,omitempty"`
}

type PodMetricsEndpoint struct {
	Port              string        `json:"port,omitempty"`
	PortNumber        *int32        `json:"portNumber,omitempty"`
	Path              string        `json:"path,omitempty"`
	Scheme            string        `json:"scheme,omitempty"`
	Interval          string        `json:"interval,omitempty"`
	ScrapeTimeout     string        `json:"scrapeTimeout,omitempty"`
	HonorLabels       bool          `json:"honorLabels,omitempty"`
	Relabelings       []RelabelRule `json:"relabelings,omitempty"`
	MetricRelabelings []RelabelRule `json:"metricRelabelings,omitempty"`
}

type RelabelRule struct {
	SourceLabels []string `json:"sourceLabels,omitempty"`
	Separator    string   `json:"separator,omitempty"`
	TargetLabel  string   `json:"targetLabel,omitempty"`
	Regex        string   `json:"regex,omitempty"`
	Modulus      uint64   `json:"modulus,omitempty"`
	Replacement  *string  `json:"replacement,omitempty"`
	Action       string   `json:"action,omitempty"`
}

func (p *PodMonitor) check() error {
	if len(p.Spec.PodMetricsEndpoints) == 0 {
		return fmt.Errorf("spec.podMetricsEndpoints needs at least one endpoint")
	}
	return nil
}

type PrometheusRule struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              PrometheusRuleSpec `json:"spec"`
}

type PrometheusRuleSpec struct {
	Groups []RuleGroup `json:"groups"`
}

type RuleGroup struct {
	Name                    string            `json:"name"`
	Interval                string            `json:"interval,omitempty"`
	QueryOffset             string            `json:"query_offset,omitempty"`
	Limit                   *int              `json:"limit,omitempty"`
	Labels                  map[string]string `json:"labels,omitempty"`
	PartialResponseStrategy string            `json:"partial_response_strategy,omitempty"`
	Rules                   []Rule            `json:"rules"`
}

type Rule struct {
	Record        string             `json:"record,omitempty"`
	Alert         string             `json:"alert,omitempty"`
	Expr          intstr.IntOrString `json:"expr"`
	For           string             `json:"for,omitempty"`
	KeepFiringFor string             `json:"keep_firing_for,omitempty"`
	Labels        map[string]string  `json:"labels,omitempty"`
	Annotations   map[string]string  `json:"annotations,omitempty"`
}

func (r *PrometheusRule) check() error {
	for _, group := range r.Spec.Groups {
		for i, rule := range group.Rules {
			if (rule.Alert == "") == (rule.Record == "") {
				return fmt.Errorf("group %s rule %d: exactly one of alert and record", group.Name, i)
			}
			if rule.Expr.String() == "" {
				return fmt.Errorf("group %s rule %d: expr is required", group.Name, i)
			}
		}
	}
	return nil
}

// ---- Strimzi Kafka and KafkaNodePool (KRaft; the local overlay's single-node cluster) ----

type Kafka struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              KafkaSpec `json:"spec"`
}

type KafkaSpec struct {
	Kafka          KafkaClusterSpec    `json:"kafka"`
	EntityOperator *EntityOperatorSpec `json:"entityOperator,omitempty"`
}

type KafkaClusterSpec struct {
	Version         string                       `json:"version,omitempty"`
	MetadataVersion string                       `json:"metadataVersion,omitempty"`
	Listeners       []KafkaListener              `json:"listeners"`
	Authorization   *KafkaAuthorization          `json:"authorization,omitempty"`
	Config          map[string]json.RawMessage   `json:"config,omitempty"`
	Resources       *corev1.ResourceRequirements `json:"resources,omitempty"`
}

type KafkaListener struct {
	Name           string                       `json:"name"`
	Port           int32                        `json:"port"`
	Type           string                       `json:"type"`
	TLS            bool                         `json:"tls"`
	Authentication *KafkaListenerAuthentication `json:"authentication,omitempty"`
}

type KafkaListenerAuthentication struct {
	Type string `json:"type"`
}

type KafkaAuthorization struct {
	Type       string   `json:"type"`
	SuperUsers []string `json:"superUsers,omitempty"`
}

type EntityOperatorSpec struct {
	TopicOperator *OperatorSpec `json:"topicOperator,omitempty"`
	UserOperator  *OperatorSpec `json:"userOperator,omitempty"`
}

type OperatorSpec struct {
	WatchedNamespace         string                       `json:"watchedNamespace,omitempty"`
	ReconciliationIntervalMs *int64                       `json:"reconciliationIntervalMs,omitempty"`
	Resources                *corev1.ResourceRequirements `json:"resources,omitempty"`
}

func (k *Kafka) check() error {
	if len(k.Spec.Kafka.Listeners) == 0 {
		return fmt.Errorf("spec.kafka.listeners needs at least one listener")
	}
	for _, listener := range k.Spec.Kafka.Listeners {
		switch listener.Type {
		case "internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip":
		default:
			return fmt.Errorf("spec.kafka.listeners %s: unknown type %q", listener.Name, listener.Type)
		}
		if listener.Authentication != nil {
			switch listener.Authentication.Type {
			case "tls", "scram-sha-512", "oauth", "custom":
			default:
				return fmt.Errorf("spec.kafka.listeners %s: unknown authentication type %q", listener.Name, listener.Authentication.Type)
			}
			if listener.Authentication.Type == "tls" && !listener.TLS {
				return fmt.Errorf("spec.kafka.listeners %s: authentication tls needs tls: true", listener.Name)
			}
		}
	}
	if auth := k.Spec.Kafka.Authorization; auth != nil {
		switch auth.Type {
		case "simple", "opa", "keycloak", "custom":
		default:
			return fmt.Errorf("spec.kafka.authorization: unknown type %q", auth.Type)
		}
	}
	return nil
}

type KafkaNodePool struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              KafkaNodePoolSpec `json:"spec"`
}

type KafkaNodePoolSpec struct {
	Replicas  int32                        `json:"replicas"`
	Roles     []string                     `json:"roles"`
	Storage   KafkaStorage                 `json:"storage"`
	Resources *corev1.ResourceRequirements `json:"resources,omitempty"`
}

type KafkaStorage struct {
	Type    string        `json:"type"`
	Volumes []KafkaVolume `json:"volumes,omitempty"`
	Size    string        `json:"size,omitempty"`
	Class   string        `json:"class,omitempty"`
}

type KafkaVolume struct {
	ID            *int32 `json:"id,omitempty"`
	Type          string `json:"type"`
	Size          string `json:"size,omitempty"`
	Class         string `json:"class,omitempty"`
	DeleteClaim   bool   `json:"deleteClaim,omitempty"`
	KraftMetadata string `json:"kraftMetadata,omitempty"`
}

func (p *KafkaNodePool) check() error {
	if p.Labels["strimzi.io/cluster"] == "" {
		return fmt.Errorf("metadata.labels[strimzi.io/cluster] is required: it names the Kafka cluster of the pool")
	}
	for _, role := range p.Spec.Roles {
		if role != "broker" && role != "controller" {
			return fmt.Errorf("spec.roles: unknown role %q", role)
		}
	}
	return nil
}

// ---- Strimzi KafkaUser ----

type KafkaUser struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              KafkaUserSpec `json:"spec"`
}

type KafkaUserSpec struct {
	Authentication *KafkaUserAuthentication `json:"authentication,omitempty"`
	Authorization  *KafkaUserAuthorization  `json:"authorization,omitempty"`
	Quotas         *KafkaUserQuotas         `json:"quotas,omitempty"`
}

type KafkaUserAuthentication struct {
	Type string `json:"type"`
}

type KafkaUserAuthorization struct {
	Type string    `json:"type"`
	ACLs []AclRule `json:"acls"`
}

type AclRule struct {
	Resource   AclResource `json:"resource"`
	Type       string      `json:"type,omitempty"`
	Host       string      `json:"host,omitempty"`
	Operations []string    `json:"operations,omitempty"`
}

type AclResource struct {
	Type        string `json:"type"`
	Name        string `json:"name,omitempty"`
	PatternType string `json:"patternType,omitempty"`
}

type KafkaUserQuotas struct {
	ProducerByteRate       *int32   `json:"producerByteRate,omitempty"`
	ConsumerByteRate       *int32   `json:"consumerByteRate,omitempty"`
	RequestPercentage      *int32   `json:"requestPercentage,omitempty"`
	ControllerMutationRate *float64 `json:"controllerMutationRate,omitempty"`
}

// aclOperations are Kafka's ACL operations as Strimzi spells them.
var aclOperations = map[string]bool{
	"Read": true, "Write": true, "Create": true, "Delete": true, "Alter": true, "Describe": true,
	"ClusterAction": true, "AlterConfigs": true, "DescribeConfigs": true, "IdempotentWrite": true, "All": true,
}

func (u *KafkaUser) check() error {
	if u.Labels["strimzi.io/cluster"] == "" {
		return fmt.Errorf("metadata.labels[strimzi.io/cluster] is required: the user operator only manages labelled users")
	}
	if a := u.Spec.Authentication; a != nil && a.Type != "tls" && a.Type != "tls-external" && a.Type != "scram-sha-512" {
		return fmt.Errorf("spec.authentication.type: unknown type %q", a.Type)
	}
	if z := u.Spec.Authorization; z != nil {
		if z.Type != "simple" {
			return fmt.Errorf("spec.authorization.type: unknown type %q (ACLs need simple)", z.Type)
		}
		for i, rule := range z.ACLs {
			switch rule.Resource.Type {
			case "topic", "group", "transactionalId":
				if rule.Resource.Name == "" {
					return fmt.Errorf("spec.authorization.acls[%d].resource.name is required for a %s", i, rule.Resource.Type)
				}
			case "cluster":
			default:
				return fmt.Errorf("spec.authorization.acls[%d].resource.type: unknown type %q", i, rule.Resource.Type)
			}
			if p := rule.Resource.PatternType; p != "" && p != "literal" && p != "prefix" {
				return fmt.Errorf("spec.authorization.acls[%d].resource.patternType: unknown %q", i, p)
			}
			if len(rule.Operations) == 0 {
				return fmt.Errorf("spec.authorization.acls[%d].operations needs at least one operation", i)
			}
			for _, operation := range rule.Operations {
				if !aclOperations[operation] {
					return fmt.Errorf("spec.authorization.acls[%d].operations: unknown operation %q", i, operation)
				}
			}
		}
	}
	return nil
}

// ---- KEDA TriggerAuthentication ----

type TriggerAuthentication struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              TriggerAuthenticationSpec `json:"spec"`
}

type TriggerAuthenticationSpec struct {
	SecretTargetRef []AuthSecretTargetRef `json:"secretTargetRef,omitempty"`
	Env             []AuthEnvironment     `json:"env,omitempty"`
}

type AuthSecretTargetRef struct {
	Parameter string `json:"parameter"`
	Name      string `json:"name"`
	Key       string `json:"key"`
}

type AuthEnvironment struct {
	Parameter     string `json:"parameter"`
	Name          string `json:"name"`
	ContainerName string `json:"containerName,omitempty"`
}

func (t *TriggerAuthentication) check() error {
	if len(t.Spec.SecretTargetRef) == 0 && len(t.Spec.Env) == 0 {
		return fmt.Errorf("spec needs secretTargetRef or env")
	}
	for i, ref := range t.Spec.SecretTargetRef {
		if ref.Parameter == "" || ref.Name == "" || ref.Key == "" {
			return fmt.Errorf("spec.secretTargetRef[%d]: parameter, name and key are required", i)
		}
	}
	for i, env := range t.Spec.Env {
		if env.Parameter == "" || env.Name == "" {
			return fmt.Errorf("spec.env[%d]: parameter and name are required", i)
		}
	}
	return nil
}
