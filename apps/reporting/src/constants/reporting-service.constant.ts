/** The service's name: its consumers are `reporting-orders-v1` and `reporting-kot-v1`. */
export const REPORTING_SERVICE = 'reporting';
