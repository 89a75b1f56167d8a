{{/*
Helpers. The templates of this chart keep to a small subset of Helm's template language (listed in
docs/kubernetes.md) so that the chart can be rendered and checked by the test suite on machines
without a helm binary; the test's renderer refuses anything outside that subset.
*/}}

{{/* The chart's name, overridable. */}}
{{- define "chainloom.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-scoped name, at most 63 characters (a DNS label). */}}
{{- define "chainloom.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels on every object (app.kubernetes.io/*). */}}
{{- define "chainloom.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | quote }}
app.kubernetes.io/name: {{ include "chainloom.name" . | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
app.kubernetes.io/part-of: chainloom
{{- end -}}

{{/* Selector of one app's role; takes (dict "root" $ "app" <name> "role" <api|worker>). Never changes. */}}
{{- define "chainloom.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chainloom.name" .root | quote }}
app.kubernetes.io/instance: {{ .root.Release.Name | quote }}
app.kubernetes.io/component: {{ printf "%s-%s" .app .role | quote }}
{{- end -}}

{{/* Name of an app's object: <fullname>-<app>[-<role>]; takes (dict "root" $ "app" <name> "suffix" <""|"-api"|…>). */}}
{{- define "chainloom.appName" -}}
{{- printf "%s-%s%s" (include "chainloom.fullname" .root) .app .suffix | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* "true" when an app runs in the selected mode; takes (dict "root" $ "name" <app>). */}}
{{- define "chainloom.appEnabled" -}}
{{- if eq .root.Values.mode "platform" -}}
{{- if eq .name "platform" -}}true{{- end -}}
{{- else -}}
{{- if ne .name "platform" -}}true{{- end -}}
{{- end -}}
{{- end -}}

{{- define "chainloom.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "chainloom.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "chainloom.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The secret environment, from the existing Secret named in values (never stored by this chart). */}}
{{- define "chainloom.secretEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.existingSecret | quote }}
      key: {{ .Values.secrets.databaseUrlKey | quote }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.existingSecret | quote }}
      key: {{ .Values.secrets.redisUrlKey | quote }}
- name: MASTER_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.existingSecret | quote }}
      key: {{ .Values.secrets.masterKeyKey | quote }}
{{- if .Values.secrets.previousMasterKeysKey }}
- name: MASTER_KEYS_PREVIOUS
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.existingSecret | quote }}
      key: {{ .Values.secrets.previousMasterKeysKey | quote }}
      optional: true
{{- end }}
{{- end -}}
