// Command validate renders Kustomize directories in-process (the same krusty engine `kubectl kustomize` uses) and
// strictly decodes every rendered object into its Go type: the Kubernetes API types from k8s.io/api for built-in
// kinds, and the structs in crds.go for the custom resources (Strimzi KafkaTopic, KEDA ScaledObject, Prometheus
// Operator PodMonitor and PrometheusRule). An unknown or misspelt field, a wrong value type, a duplicate key or a
// kind nobody registered fails the run, which a cluster's API server would otherwise only report at apply time
// (or, for a CRD without a structural schema, silently drop).
//
// Usage: validate [-json] DIR...
//
//	Prints one line per directory, or with -json the rendered objects of the single DIR as a JSON array (for the
//	cross-checks against libs/contracts in deploy/k8s/manifests.spec.ts). Exits 1 on the first invalid directory.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

func main() {
	asJSON := flag.Bool("json", false, "print the rendered objects of the one directory given as a JSON array")
	rules := flag.String("rules", "", "also decode this Prometheus rule file strictly (the groups of a PrometheusRule)")
	flag.Parse()
	if *rules != "" {
		if err := validateRuleFile(*rules); err != nil {
			fmt.Fprintf(os.Stderr, "invalid %s: %v\n", *rules, err)
			os.Exit(1)
		}
		fmt.Printf("ok %s: every field known\n", *rules)
	}
	dirs := flag.Args()
	if (len(dirs) == 0 && *rules == "") || (*asJSON && len(dirs) != 1) {
		fmt.Fprintln(os.Stderr, "usage: validate [-json] DIR...   (-json takes exactly one DIR)")
		os.Exit(2)
	}
	for _, dir := range dirs {
		objects, err := renderAndValidate(dir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "invalid %s: %v\n", dir, err)
			os.Exit(1)
		}
		if *asJSON {
			out, err := json.Marshal(objects)
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", dir, err)
				os.Exit(1)
			}
			fmt.Println(string(out))
			continue
		}
		fmt.Printf("ok %s: %s\n", dir, summary(objects))
	}
}

// renderAndValidate builds the kustomization in dir and decodes every object strictly. It returns the objects as
// generic maps, in render order, for printing.
func renderAndValidate(dir string) ([]map[string]any, error) {
	kustomizer := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	resources, err := kustomizer.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return nil, fmt.Errorf("kustomize: %w", err)
	}
	var objects []map[string]any
	var typed []any
	var problems []string
	for _, resource := range resources.Resources() {
		data, err := resource.AsYAML()
		if err != nil {
			return nil, err
		}
		id := fmt.Sprintf("%s %s", resource.GetKind(), resource.GetName())
		object, err := decodeStrict(resource.GetApiVersion(), resource.GetKind(), data)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", id, err))
			continue
		}
		typed = append(typed, object)
		var generic map[string]any
		if err := yaml.Unmarshal(data, &generic); err != nil {
			return nil, err
		}
		objects = append(objects, generic)
	}
	if len(problems) == 0 {
		problems = crossCheck(typed)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("\n  %s", strings.Join(problems, "\n  "))
	}
	if len(objects) == 0 {
		return nil, fmt.Errorf("renders no objects")
	}
	return objects, nil
}

// decodeStrict unmarshals one object into the registered Go type of its apiVersion and kind, refusing unknown and
// duplicate fields, then runs the type's own checks when it has any.
func decodeStrict(apiVersion, kind string, data []byte) (any, error) {
	newObject, ok := registry[apiVersion+"/"+kind]
	if !ok {
		return nil, fmt.Errorf("apiVersion %s kind %s is not registered in deploy/k8s/validate (add its Go type)", apiVersion, kind)
	}
	object := newObject()
	if err := yaml.UnmarshalStrict(data, object); err != nil {
		return nil, err
	}
	if checked, ok := object.(interface{ check() error }); ok {
		if err := checked.check(); err != nil {
			return nil, err
		}
	}
	return object, nil
}

// crossCheck holds the rules between objects: a ScaledObject scales a Deployment of the same render, on topics
// declared as KafkaTopics there, and never beyond the partition count (a replica past it would own no partition).
func crossCheck(objects []any) []string {
	deployments := map[string]*appsv1.Deployment{}
	configMaps := map[string]map[string]string{}
	partitions := map[string]int32{}
	triggerAuths := map[string]*TriggerAuthentication{}
	for _, object := range objects {
		switch o := object.(type) {
		case *TriggerAuthentication:
			triggerAuths[o.Name] = o
		case *appsv1.Deployment:
			deployments[o.Name] = o
		case *corev1.ConfigMap:
			configMaps[o.Name] = o.Data
		case *KafkaTopic:
			partitions[o.TopicName()] = *o.Spec.Partitions
		}
	}
	var problems []string
	for _, object := range objects {
		scaled, ok := object.(*ScaledObject)
		if !ok {
			continue
		}
		target, found := deployments[scaled.Spec.ScaleTargetRef.Name]
		if !found {
			problems = append(problems, fmt.Sprintf("ScaledObject %s: scales Deployment %q, which is not rendered", scaled.Name, scaled.Spec.ScaleTargetRef.Name))
			continue
		}
		env := containerEnv(target, configMaps)
		for _, trigger := range scaled.Spec.Triggers {
			if trigger.Type != "kafka" {
				continue
			}
			for key, name := range trigger.Metadata {
				if strings.HasSuffix(key, "FromEnv") && !env[name] {
					problems = append(problems, fmt.Sprintf("ScaledObject %s: %s names %q, which Deployment %s does not set", scaled.Name, key, name, target.Name))
				}
			}
			// KEDA resolves a TriggerAuthentication's env parameters from the scaled container, as …FromEnv.
			if ref := trigger.AuthenticationRef; ref != nil {
				auth, found := triggerAuths[ref.Name]
				switch {
				case ref.Kind != "" && ref.Kind != "TriggerAuthentication":
				case !found:
					problems = append(problems, fmt.Sprintf("ScaledObject %s: authenticationRef names TriggerAuthentication %q, which is not rendered", scaled.Name, ref.Name))
				default:
					for _, variable := range auth.Spec.Env {
						if !env[variable.Name] {
							problems = append(problems, fmt.Sprintf("ScaledObject %s: TriggerAuthentication %s reads %q, which Deployment %s does not set", scaled.Name, ref.Name, variable.Name, target.Name))
						}
					}
				}
			}
			topic := trigger.Metadata["topic"]
			count, declared := partitions[topic]
			switch {
			case !declared:
				problems = append(problems, fmt.Sprintf("ScaledObject %s: topic %q has no KafkaTopic", scaled.Name, topic))
			case *scaled.Spec.MaxReplicaCount > count:
				problems = append(problems, fmt.Sprintf("ScaledObject %s: maxReplicaCount %d exceeds the %d partitions of %s", scaled.Name, *scaled.Spec.MaxReplicaCount, count, topic))
			}
		}
	}
	return problems
}

func summary(objects []map[string]any) string {
	counts := map[string]int{}
	for _, object := range objects {
		counts[fmt.Sprint(object["kind"])]++
	}
	kinds := make([]string, 0, len(counts))
	for kind := range counts {
		kinds = append(kinds, kind)
	}
	sort.Strings(kinds)
	parts := make([]string, 0, len(kinds))
	for _, kind := range kinds {
		parts = append(parts, fmt.Sprintf("%s %d", kind, counts[kind]))
	}
	return fmt.Sprintf("%d objects, every field known (%s)", len(objects), strings.Join(parts, ", "))
}

// containerEnv is the set of variables the first container of a Deployment gets from env and from the rendered
// ConfigMaps in envFrom (what KEDA resolves for …FromEnv parameters).
func containerEnv(deployment *appsv1.Deployment, configMaps map[string]map[string]string) map[string]bool {
	env := map[string]bool{}
	containers := deployment.Spec.Template.Spec.Containers
	if len(containers) == 0 {
		return env
	}
	for _, variable := range containers[0].Env {
		env[variable.Name] = true
	}
	for _, source := range containers[0].EnvFrom {
		if source.ConfigMapRef != nil {
			for key := range configMaps[source.ConfigMapRef.Name] {
				env[source.Prefix+key] = true
			}
		}
	}
	return env
}

// validateRuleFile decodes a Prometheus rule file (deploy/prometheus/alerts.yml) as the spec of a PrometheusRule:
// the file format and the CRD's spec share the `groups` structure.
func validateRuleFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	rule := &PrometheusRule{}
	if err := yaml.UnmarshalStrict(data, &rule.Spec); err != nil {
		return err
	}
	if len(rule.Spec.Groups) == 0 {
		return fmt.Errorf("no rule groups")
	}
	return rule.check()
}
