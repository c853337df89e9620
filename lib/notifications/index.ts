export { notify, type NotifyInput } from "./notify";
export { NOTIFICATION_KINDS, NOTIFICATION_KIND_INFO, type NotificationKind } from "./kinds";
