// What a running instance has cost since it was last started: EC2's LaunchTime is the time of the
// last start (it changes at every start of an EBS-backed instance), so the on-demand estimate is its
// price per hour times the hours since then. Pure: no AWS call, no vscode.
import { HOURS_PER_MONTH } from './pricing';

/** Hours between `from` and `now` (0 when `from` is unknown or in the future). */
export function hoursSince(from: Date | undefined, now: Date = new Date()): number {
  if (!from || Number.isNaN(from.getTime())) return 0;
  return Math.max(0, (now.getTime() - from.getTime()) / 3_600_000);
}

/** Local midnight of `now`'s day: what "today" counts from. */
export function startOfToday(now: Date = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** Hours a running instance has run today: since its last start or since midnight, whichever is later. */
export function hoursToday(launchTime: Date | undefined, now: Date = new Date()): number {
  if (!launchTime) return 0;
  const midnight = startOfToday(now);
  return hoursSince(launchTime > midnight ? launchTime : midnight, now);
}

/** "19 h", "2 h 05 min", "45 min": a duration in hours, for tooltips and the reminder. */
export function durationText(hours: number): string {
  const minutes = Math.floor(hours * 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h >= 10 || m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')} min`;
}

/**
 * CloudWatch standard-resolution metric alarms: $0.10 per alarm per month (us-east-1 list price,
 * https://aws.amazon.com/cloudwatch/pricing/), the first 10 of the account free (AWS Free Tier).
 */
export const ALARM_USD_PER_MONTH = 0.1;
export const FREE_ALARMS = 10;

/** The hourly price of `count` alarms, beyond the free ones. */
export function alarmsPerHourUsd(count: number): number {
  return (Math.max(0, count - FREE_ALARMS) * ALARM_USD_PER_MONTH) / HOURS_PER_MONTH;
}
