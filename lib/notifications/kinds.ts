// The notification kinds, their labels and default delivery. Pure: the settings page and the API
// share it. A user's NotificationPreference rows override the defaults kind by kind.
export const NOTIFICATION_KINDS = [
  "REVIEW_REQUESTED",
  "CHANGES_REQUESTED",
  "REVIEW_APPROVED",
  "DOCUMENTATION_STALE",
  "MONITORING_CRITICAL",
  "MONITORING_STALE",
  "INCIDENT_DEADLINE",
  "UPDATE_REQUESTED",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type DeliveryPreference = { inApp: boolean; email: boolean; digest: boolean };

export const NOTIFICATION_KIND_INFO: Record<NotificationKind, { label: string; description: string; defaults: DeliveryPreference }> = {
  REVIEW_REQUESTED: { label: "Review requested", description: "A model was submitted for a review you can decide.", defaults: { inApp: true, email: true, digest: false } },
  CHANGES_REQUESTED: { label: "Changes requested", description: "A reviewer asked for changes to a model you submitted or own.", defaults: { inApp: true, email: true, digest: false } },
  REVIEW_APPROVED: { label: "Review approved", description: "A model you submitted or own was approved.", defaults: { inApp: true, email: true, digest: false } },
  // scans raise these for many models at once: the daily digest keeps them from flooding a mailbox
  DOCUMENTATION_STALE: {
    label: "Documentation going stale",
    description: "Documentation of a model you own is stale or will be within 30 days.",
    defaults: { inApp: true, email: true, digest: true },
  },
  MONITORING_CRITICAL: {
    label: "Monitoring CRITICAL",
    description: "Drift on a model you own (or, as compliance officer, any model) crossed the critical threshold.",
    defaults: { inApp: true, email: true, digest: false },
  },
  MONITORING_STALE: { label: "Monitoring STALE", description: "No monitoring check arrived within the cadence of a model you own.", defaults: { inApp: true, email: true, digest: true } },
  INCIDENT_DEADLINE: { label: "Incident report deadline", description: "An Art. 73 report deadline (2 / 10 / 15 days) is near or has passed.", defaults: { inApp: true, email: true, digest: false } },
  UPDATE_REQUESTED: {
    label: "Update requested",
    description: "A compliance officer asked for updates to models you own, listing what is missing.",
    defaults: { inApp: true, email: true, digest: false },
  },
};

export const isNotificationKind = (value: string): value is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(value);
