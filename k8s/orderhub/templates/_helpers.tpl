{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "orderhub.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-wide prefix of every resource name. */}}
{{- define "orderhub.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "orderhub.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every resource of the release. */}}
{{- define "orderhub.commonLabels" -}}
helm.sh/chart: {{ include "orderhub.chart" . }}
app.kubernetes.io/part-of: {{ include "orderhub.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector of one service's pods. Call with (dict "root" $ "name" $serviceName). */}}
{{- define "orderhub.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/* Labels of one service's resources. Call with (dict "root" $ "name" $serviceName). */}}
{{- define "orderhub.labels" -}}
helm.sh/chart: {{ include "orderhub.chart" .root }}
app.kubernetes.io/part-of: {{ include "orderhub.name" .root }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{ include "orderhub.selectorLabels" . }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/* Name of a service's resources: <fullname>-<service>. Call with (dict "root" $ "name" $serviceName). */}}
{{- define "orderhub.serviceFullname" -}}
{{- printf "%s-%s" (include "orderhub.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
A service's effective settings as YAML: `defaults`, overridden key by key by services.<name>
(a map-valued key is merged one level deep, so `autoscaling: {enabled: false}` keeps the other
autoscaling defaults). Use: $svc := include "orderhub.serviceValues" (dict "root" $ "name" $name) | fromYaml
*/}}
{{- define "orderhub.serviceValues" -}}
{{- $own := get .root.Values.services .name | default dict }}
{{- $out := dict }}
{{- range $key, $default := .root.Values.defaults }}
{{- if and (hasKey $own $key) (kindIs "map" $default) (kindIs "map" (get $own $key)) }}
{{- $merged := deepCopy $default }}
{{- range $k, $v := get $own $key }}
{{- $_ := set $merged $k $v }}
{{- end }}
{{- $_ := set $out $key $merged }}
{{- else if hasKey $own $key }}
{{- $_ := set $out $key (get $own $key) }}
{{- else }}
{{- $_ := set $out $key (deepCopy $default) }}
{{- end }}
{{- end }}
{{- range $key, $value := $own }}
{{- if not (hasKey $out $key) }}
{{- $_ := set $out $key $value }}
{{- end }}
{{- end }}
{{- toYaml $out }}
{{- end }}

{{/* The image of a service. Call with (dict "root" $ "name" $serviceName "svc" $svc). */}}
{{- define "orderhub.image" -}}
{{- $image := .root.Values.global.image }}
{{- $tag := default .root.Chart.AppVersion $image.tag }}
{{- if eq $image.flavor "native" }}
{{- $tag = printf "%s-native" $tag }}
{{- end }}
{{- printf "%s/%s:%s" (trimSuffix "/" $image.registry) .name $tag }}
{{- end }}

{{/* Name of the CloudNativePG cluster of a service. Call with (dict "root" $ "svc" $svc). */}}
{{- define "orderhub.cnpgClusterName" -}}
{{- printf "%s-%s-db" (include "orderhub.fullname" .root) .svc.shortName | trunc 50 | trimSuffix "-" }}
{{- end }}

{{/* Name of the Secret a service reads its database from. Call with (dict "root" $ "svc" $svc). */}}
{{- define "orderhub.dbSecretName" -}}
{{- if .root.Values.databases.cloudnativepg.enabled }}
{{- printf "%s-app" (include "orderhub.cnpgClusterName" .) }}
{{- else if and .svc.database .svc.database.existingSecret }}
{{- .svc.database.existingSecret }}
{{- else }}
{{- printf "%s-%s-db" (include "orderhub.fullname" .root) .svc.shortName | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Keys of that Secret: CloudNativePG's own when it made it, databases.secretKeys otherwise. */}}
{{- define "orderhub.dbSecretKeys" -}}
{{- if .root.Values.databases.cloudnativepg.enabled }}
reactiveUrl: uri
jdbcUrl: jdbc-uri
username: username
password: password
{{- else }}
{{- toYaml .root.Values.databases.secretKeys }}
{{- end }}
{{- end }}

{{/* Environment variable holding the signing secret of one webhook shop entry. */}}
{{- define "orderhub.shopSecretEnv" -}}
{{- printf "ORDERHUB_SHOP_%s_SECRET" (. | upper | replace "-" "_") }}
{{- end }}

{{/* Working directory of the image: Quarkus reads <workingDir>/config/application.properties. */}}
{{- define "orderhub.workingDir" -}}
{{- if eq .Values.global.image.flavor "native" }}/work{{ else }}/deployments{{ end }}
{{- end }}

{{/* The non-secret Quarkus properties of a service's config/application.properties ("" when none). */}}
{{- define "orderhub.applicationProperties" -}}
{{- $root := .root }}
{{- range $key := keys (.svc.config | default dict) | sortAlpha }}
{{ $key }}={{ get $.svc.config $key }}
{{- end }}
{{- if .svc.webhooks }}
{{- range $shop := $root.Values.webhooks.shops }}
orderhub.ingest.shops.{{ $shop.name }}.channel={{ $shop.channel }}
orderhub.ingest.shops.{{ $shop.name }}.shop={{ $shop.shop }}
orderhub.ingest.shops.{{ $shop.name }}.secret=${ {{- include "orderhub.shopSecretEnv" $shop.name -}} }
{{- if $shop.appKey }}
orderhub.ingest.shops.{{ $shop.name }}.app-key={{ $shop.appKey }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Checks that cannot be said in values.schema.json, with a message that says what to set.
Rendered (as nothing) from workloads.yaml so that every render runs them.
*/}}
{{- define "orderhub.validate" -}}
{{- $v := .Values }}
{{- $missing := list }}
{{- if not $v.global.image.registry }}{{ $missing = append $missing "global.image.registry (where you pushed the images, e.g. registry.example.com/orderhub)" }}{{ end }}
{{- if not $v.kafka.bootstrapServers }}{{ $missing = append $missing "kafka.bootstrapServers (e.g. orderhub-kafka-bootstrap.kafka:9092)" }}{{ end }}
{{- if not $v.jwt.issuer }}{{ $missing = append $missing "jwt.issuer (the iss claim of your identity provider's tokens)" }}{{ end }}
{{- if not $v.jwt.publicKeyLocation }}{{ $missing = append $missing "jwt.publicKeyLocation (your identity provider's JWKS URL)" }}{{ end }}
{{- if and $v.ingress.enabled (not $v.ingress.host) }}{{ $missing = append $missing "ingress.host (the host marketplaces deliver webhooks to), or ingress.enabled=false" }}{{ end }}
{{- if and $v.ingress.enabled $v.ingress.tls.enabled (not $v.ingress.tls.secretName) }}{{ $missing = append $missing "ingress.tls.secretName (the TLS Secret of ingress.host)" }}{{ end }}
{{- if and $v.gatewayApi.enabled (not $v.gatewayApi.parentRefs) }}{{ $missing = append $missing "gatewayApi.parentRefs (the Gateway the webhook route attaches to)" }}{{ end }}
{{- if and $v.kafka.topics.create (not $v.kafka.topics.cluster) }}{{ $missing = append $missing "kafka.topics.cluster (the Strimzi Kafka cluster the topics belong to)" }}{{ end }}
{{- if and $v.webhooks.shops (not $v.webhooks.existingSecret) }}{{ $missing = append $missing "webhooks.existingSecret (the Secret holding the shops' signing secrets)" }}{{ end }}
{{- if $missing }}
{{- fail (printf "\n\nOrder Hub needs these values:\n  - %s\nSee k8s/README.md (Install)." (join "\n  - " $missing)) }}
{{- end }}
{{- if or $v.ingress.enabled $v.gatewayApi.enabled }}
{{- $_ := include "orderhub.webhookReceiver" . }}
{{- end }}
{{- $names := list }}
{{- range $shop := $v.webhooks.shops }}
{{- if has $shop.name $names }}{{ fail (printf "webhooks.shops: the name %q is used twice; give every entry its own name" $shop.name) }}{{ end }}
{{- $names = append $names $shop.name }}
{{- end }}
{{- range $name, $own := $v.services }}
{{- range $env := ($own.extraEnv | default list) }}
{{- if eq $env.name "ORDERHUB_DEMO_SECRET" }}
{{- fail (printf "services.%s.extraEnv sets ORDERHUB_DEMO_SECRET: the demo shop is for the local stack only and is disabled in the cluster; register real shops under webhooks.shops" $name) }}
{{- end }}
{{- end }}
{{- range $key, $_ := ($own.config | default dict) }}
{{- if regexMatch "(?i)(password|secret|credential)" $key }}
{{- fail (printf "services.%s.config.%s looks like a secret: put it in a Secret and reference it from services.%s.extraEnv (valueFrom.secretKeyRef), never in values" $name $key $name) }}
{{- end }}
{{- end }}
{{- end }}
{{- range $key, $_ := $v.global.env }}
{{- if eq $key "ORDERHUB_DEMO_SECRET" }}
{{- fail "global.env sets ORDERHUB_DEMO_SECRET: the demo shop is for the local stack only and is disabled in the cluster; register real shops under webhooks.shops" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The environment of a service (its -env ConfigMap), as YAML. Call with (dict "root" $ "svc" $svc). */}}
{{- define "orderhub.envData" -}}
{{- $v := .root.Values }}
{{- $env := dict }}
{{- $_ := set $env "QUARKUS_HTTP_PORT" "8080" }}
{{- $_ := set $env "KAFKA_BOOTSTRAP_SERVERS" $v.kafka.bootstrapServers }}
{{- $_ := set $env "MP_JWT_VERIFY_ISSUER" $v.jwt.issuer }}
{{- $_ := set $env "MP_JWT_VERIFY_PUBLICKEY_LOCATION" $v.jwt.publicKeyLocation }}
{{- $_ := set $env "QUARKUS_OTEL_SDK_DISABLED" (ternary "false" "true" $v.tracing.enabled) }}
{{- if $v.tracing.enabled }}
{{- $_ := set $env "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT" $v.tracing.otlpEndpoint }}
{{- end }}
{{- if ne $v.global.image.flavor "native" }}
{{- $_ := set $env "GC_CONTAINER_OPTIONS" $v.global.jvm.gc }}
{{- $_ := set $env "JAVA_OPTS_APPEND" (printf "-Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager %s" $v.global.jvm.options) }}
{{- end }}
{{- if .svc.webhooks }}
{{- $_ := set $env "ORDERHUB_INGEST_DEMO_SHOP_ENABLED" "false" }}
{{- $_ := set $env "QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE" (printf "%dM" (int64 $v.ingress.maxBodySizeMiB)) }}
{{- end }}
{{- range $key, $value := $v.global.env }}
{{- $_ := set $env $key (toString $value) }}
{{- end }}
{{- toYaml $env }}
{{- end }}

{{/* The enabled services, sorted by name. */}}
{{- define "orderhub.enabledServices" -}}
{{- $out := list }}
{{- range $name := keys .Values.services | sortAlpha }}
{{- $own := get $.Values.services $name }}
{{- if and $own (or (not (hasKey $own "enabled")) $own.enabled) }}
{{- $out = append $out $name }}
{{- end }}
{{- end }}
{{- toJson $out }}
{{- end }}

{{/* The service that receives the marketplace webhooks (services.<name>.webhooks: true). */}}
{{- define "orderhub.webhookReceiver" -}}
{{- $receivers := list }}
{{- range $name := include "orderhub.enabledServices" . | fromJsonArray }}
{{- if (get $.Values.services $name).webhooks }}
{{- $receivers = append $receivers $name }}
{{- end }}
{{- end }}
{{- if ne (len $receivers) 1 }}
{{- fail (printf "exactly one enabled service must have webhooks: true to receive the ingress traffic, found %d: %v" (len $receivers) $receivers) }}
{{- end }}
{{- first $receivers }}
{{- end }}

{{/*
How much a counter grew within a window, counting a series that appeared within the window (a counter the
service registers at its first increment, or a restarted pod) from zero, which increase() alone misses.
Call with (dict "metric" "name{selector}" "window" "15m").
*/}}
{{- define "orderhub.growth" -}}
({{ .metric }} unless {{ .metric }} offset {{ .window }}) or increase({{ .metric }}[{{ .window }}])
{{- end }}
