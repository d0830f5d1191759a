/** Injection token of the Jira settings (undefined when Jira is not configured). */
export const JIRA_CONFIG = Symbol('JIRA_CONFIG');
