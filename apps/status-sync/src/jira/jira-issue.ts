import type { CallbackPlan } from '@hub/aggregators';
import type { JiraPayload } from '../callbacks/callback.type';

export interface JiraConfig {
  baseUrl: string;
  email: string;
  apiToken: string;
  projectKey: string;
  issueType: string;
}

/**
 * One Jira issue for an order whose callback went dead: Jira REST API v2 "Create issue"
 * (`POST /rest/api/2/issue`, developer.atlassian.com), Basic auth with the account e-mail and an API
 * token. The order's context only: ids, venue, platform, status, attempts and the last reason,
 * never customer data.
 */
export function jiraIssuePlan(config: JiraConfig, issue: JiraPayload): CallbackPlan {
  const order = issue.displayNumber ? `#${issue.displayNumber}` : (issue.externalId ?? issue.orderId);
  const description = [
    `status-sync could not tell ${issue.target} about order ${order}.`,
    '',
    `* order id: ${issue.orderId}`,
    `* platform order id: ${issue.externalId ?? '-'}`,
    `* venue: ${issue.venueId}`,
    `* platform: ${issue.target}`,
    `* status being sent: ${issue.status ?? '-'}`,
    `* attempts: ${issue.attempts}`,
    `* last reason: ${issue.reason}`,
    `* callback: ${issue.callbackId} (retry with POST /v1/callbacks/${issue.callbackId}/retry once the cause is fixed)`,
  ].join('\n');
  return {
    action: 'jira create issue',
    request: {
      method: 'POST',
      url: `${config.baseUrl.replace(/\/+$/, '')}/rest/api/2/issue`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        fields: {
          project: { key: config.projectKey },
          issuetype: { name: config.issueType },
          summary: `Order ${order} at ${issue.venueId}: ${issue.target} did not receive "${issue.status ?? 'update'}"`,
          description,
          labels: ['order-hub', 'status-sync', issue.target],
        },
      }),
      auth: { kind: 'basic', username: config.email, password: config.apiToken },
    },
  };
}
