// Art. 73 reporting clocks. The deadline runs from the moment the provider or deployer became aware
// of the serious incident: 15 days by default, 10 in the event of a death, 2 for a widespread
// infringement or a serious and irreversible disruption of critical infrastructure (Art. 73(2)-(4)).
// Pure: used by the overview, the deadline list and the notification scan.
import type { IncidentDeadlineRule } from "../generated/prisma/enums";

export const INCIDENT_DEADLINE_DAYS: Record<IncidentDeadlineRule, number> = {
  STANDARD: 15,
  DEATH: 10,
  WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE: 2,
};

/** Days before the deadline from which the owners and compliance officers are reminded. */
export const INCIDENT_WARNING_DAYS: Record<IncidentDeadlineRule, number> = {
  STANDARD: 3,
  DEATH: 3,
  WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE: 1,
};

const HOUR = 3_600_000;

export type IncidentClockInput = {
  id: string;
  title: string;
  awareAt: Date;
  deadlineRule: IncidentDeadlineRule;
  authorityNotifiedAt: Date | null;
  severity?: string;
  model: { key: string; name: string };
};

export type IncidentClock = {
  id: string;
  title: string;
  modelKey: string;
  modelName: string;
  severity: string | null;
  rule: IncidentDeadlineRule;
  days: number;
  deadline: Date;
  /** reported: the authority was notified; overdue: deadline passed without it; due-soon: inside the warning window */
  state: "reported" | "overdue" | "due-soon" | "running";
  /** whole hours left (negative when overdue); null once reported */
  hoursLeft: number | null;
};

export function incidentDeadline(awareAt: Date, rule: IncidentDeadlineRule): Date {
  return new Date(awareAt.getTime() + INCIDENT_DEADLINE_DAYS[rule] * 24 * HOUR);
}

export function incidentClock(incident: IncidentClockInput, now: Date): IncidentClock {
  const deadline = incidentDeadline(incident.awareAt, incident.deadlineRule);
  const left = deadline.getTime() - now.getTime();
  const reported = incident.authorityNotifiedAt !== null;
  const state: IncidentClock["state"] = reported ? "reported" : left < 0 ? "overdue" : left <= INCIDENT_WARNING_DAYS[incident.deadlineRule] * 24 * HOUR ? "due-soon" : "running";
  return {
    id: incident.id,
    title: incident.title,
    modelKey: incident.model.key,
    modelName: incident.model.name,
    severity: incident.severity ?? null,
    rule: incident.deadlineRule,
    days: INCIDENT_DEADLINE_DAYS[incident.deadlineRule],
    deadline,
    state,
    hoursLeft: reported ? null : Math.floor(left / HOUR),
  };
}
