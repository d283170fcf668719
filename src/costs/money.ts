// Amounts of money as the user reads them: in the display language, per hour, per day, and the
// usage-billed part of an application load balancer.
import * as vscode from 'vscode';
import { type Price } from '../core/aws/pricing/pricing';

/**
 * "$0.0116", "0,0116 $US": in the display language, with up to four decimals under one unit (an
 * hour of a small instance is about a cent), else two; `cents` keeps two from a cent up (per day).
 */
export function formatMoney(amount: number, currency: string, language = vscode.env.language, cents = false): string {
  const small = amount !== 0 && Math.abs(amount) < (cents ? 0.01 : 1);
  const digits = small ? 4 : 2;
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: digits }).format(
      amount,
    );
  } catch {
    return `${amount.toFixed(digits)} ${currency}`;
  }
}

export const perHourText = (amount: number, currency: string) =>
  vscode.l10n.t({ message: '{0}/h', args: [formatMoney(amount, currency)], comment: ['A price per hour: "$0.0116/h"'] });
export const perDayText = (amount: number, currency: string) =>
  vscode.l10n.t({
    message: '{0}/day',
    args: [formatMoney(amount * 24, currency, vscode.env.language, true)],
    comment: ['A price per day: "$0.28/day"'],
  });

/** "+ $0.008 per LCU-hour of use, not in the total": what an ALB adds to its hour (Load Balancer Capacity Units). */
export function usageNote(price: Price): string {
  return vscode.l10n.t({
    message: '+ {0} per LCU-hour of use, not in the total',
    args: [formatMoney(price.perUnit, price.currency)],
    comment: ['LCU: Load Balancer Capacity Unit, what an application load balancer bills by use on top of its hour'],
  });
}
