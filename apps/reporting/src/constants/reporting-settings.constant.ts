/** Injection token of the ReportingSettings (from the validated environment). */
export const REPORTING_SETTINGS = 'REPORTING_SETTINGS';
